// Database outage: the worker and the API lose Postgres for about 30 s (a TCP proxy each, cut by
// the test) while human steps are under way. The workflows take the steps; their `recordTransition`
// (a local activity, in the workflow task) fails and is retried (workflows/journal.ts: unlimited
// attempts, backoff capped at a minute) until the database is back, and then the read model (processes, tasks, audit_log,
// evidence_files) converges with the workflows, nothing lost and nothing twice. Meanwhile every
// endpoint that needs the database answers 503 DEPENDENCY_UNAVAILABLE, never 500, and /readyz says
// the database is down.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes } from '../../db/schema';
import { makeUscc } from '../support/fixtures';
import { sleep, waitFor } from '../support/processes';
import { expectReadModelOf } from '../support/readModel';
import { evidenceForm, orderOnly } from '../support/rectifications';
import { reachableAdminDatabase, startStack, type ApiResponse, type Stack } from '../support/stack';

const adminDatabaseUrl = await reachableAdminDatabase();
const OUTAGE_MS = 30_000;
const CASES = 4;

describe.skipIf(!adminDatabaseUrl)('database outage (Postgres unreachable for 30 s)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ adminDatabaseUrl: adminDatabaseUrl!, proxyDatabase: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers 503 while the database is away, and loses no step taken meanwhile', async () => {
    // Given: rectifications, every other one with evidence under review.
    const officer = await stack.token({ sub: 'officer-outage', role: 'officer', agency: 'SAMR-HZ' });
    const auditor = await stack.token({ sub: 'auditor-outage', role: 'auditor' });
    const enterpriseId = makeUscc(9200);
    const business = await stack.token({ sub: 'biz-outage', role: 'business', enterpriseId });
    const registered = await stack.send('/api/v1/enterprises', {
      token: officer,
      idempotencyKey: 'register',
      body: { id: enterpriseId, name: '断库测试企业', kind: 'legal_person' },
    });
    expect(registered.status).toBe(201);
    const evidence = (id: string, description: string) => () => evidenceForm(description);
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const ordered = await stack.send('/api/v1/rectifications', {
        token: officer,
        idempotencyKey: `order-${i}`,
        body: orderOnly(enterpriseId, `findings ${i}`),
      });
      expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
      ids.push(ordered.body.id);
      if (i % 2 === 1) {
        const submitted = await stack.send(`/api/v1/rectifications/${ordered.body.id}/evidence`, {
          token: business,
          idempotencyKey: `evidence-${i}-1`,
          form: evidence(ordered.body.id, `evidence ${i}.1`),
        });
        expect(submitted.status).toBe(202);
      }
    }
    const { worker: workerProxy, api: apiProxy } = stack.proxies!;

    // When: the worker loses the database first, then (a moment later, once the steps below have
    // reached their workflows) the API too; connections hang ('stall', like a dead host), later
    // they are refused ('refuse', like a stopped server).
    const cutAt = Date.now();
    workerProxy.cutOff('stall');
    // Steps sent now are taken by their workflows, whose projections then wait for the database;
    // half of them under an Idempotency-Key, retried with it whenever they fail.
    const inFlight: Array<Promise<ApiResponse & { step: string }>> = ids.map((id, i) => {
      const step = i % 2 === 1 ? `review ${i}.1` : `evidence ${i}.1`;
      const pathname = `/api/v1/rectifications/${id}/${i % 2 === 1 ? 'review' : 'evidence'}`;
      const options =
        i % 2 === 1
          ? { token: officer, body: { decision: 'rejected', reasons: step } }
          : { token: business, form: evidence(id, step) };
      const answer =
        i < 2
          ? stack.call('POST', pathname, { ...options, timeoutMs: 180_000 })
          : stack.send(pathname, { ...options, idempotencyKey: `during-${i}`, timeoutMs: 180_000 }, 180_000);
      return answer.then((res) => ({ ...res, step }));
    });
    await waitFor('the steps to reach their workflows', async () => {
      const views = await Promise.all(
        ids.map((id) => stack.call('GET', `/api/v1/rectifications/${id}`, { token: officer })),
      );
      return views.every((v, i) => v.body?.history?.length === (i % 2 === 1 ? 3 : 2));
    });
    apiProxy.cutOff('stall');

    // Then, while it lasts: what needs the database answers 503, and readiness says why.
    const expectUnavailable = async (what: string, res: ApiResponse) => {
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(503);
      expect(res.body.error.code, what).toBe('DEPENDENCY_UNAVAILABLE');
    };
    // All at once: against a stalled database each waits out the pool's connection timeout (5 s).
    const probeReads = async () => {
      const began = Date.now();
      const orderBody = {
        enterpriseId,
        matterCode: 'MS-002',
        disposition: 'order_only',
        findings: 'during the outage',
        requiredActions: ['撤下含绝对化用语的广告'],
      };
      const [listed, trail, profile, ordered, readiness] = await Promise.all([
        stack.call('GET', '/api/v1/tasks', { token: officer }),
        stack.call('GET', `/api/v1/audit?entityType=rectification&entityId=${ids[0]}`, { token: auditor }),
        stack.call('GET', `/api/v1/enterprises/${enterpriseId}`, { token: officer }),
        stack.call('POST', '/api/v1/rectifications', {
          token: officer,
          idempotencyKey: 'order-during-outage',
          body: orderBody,
        }),
        stack.call('GET', '/readyz', { token: officer }),
      ]);
      await expectUnavailable('GET /tasks', listed);
      await expectUnavailable('GET /audit', trail);
      await expectUnavailable('GET /enterprises/{id}', profile);
      await expectUnavailable('POST /rectifications', ordered);
      expect(readiness.status).toBe(503);
      expect(readiness.body.error.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'database', ok: false }),
          expect.objectContaining({ name: 'temporal', ok: true }),
        ]),
      );
      return Date.now() - began;
    };
    const stalledProbe = await probeReads();
    await sleep(Math.max(0, cutAt + OUTAGE_MS / 2 - Date.now()));
    apiProxy.cutOff('refuse');
    workerProxy.cutOff('refuse');
    const refusedProbe = await probeReads();
    await sleep(Math.max(0, cutAt + OUTAGE_MS - Date.now()));
    // The steps' projections are still waiting, retried in the worker (the test reads Postgres
    // directly): each case's row holds the version from before its step, and no step was answered.
    for (const [i, id] of ids.entries()) {
      const [row] = await stack.database.db.select().from(processes).where(eq(processes.id, id));
      expect(row?.version, id).toBe(i % 2 === 1 ? 2 : 1);
    }
    expect(await Promise.race([Promise.any(inFlight).then(() => 'answered'), sleep(0).then(() => 'waiting')])).toBe(
      'waiting',
    );
    workerProxy.restore();
    apiProxy.restore();
    const restoredAt = Date.now();

    // After it: every step sent during the outage was answered and applied once.
    const answers = await Promise.all(inFlight);
    const answeredAt = Date.now();
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `${answer.step}: ${JSON.stringify(answer.body)}`).toBe(i % 2 === 1 ? 200 : 202);
    }
    const order = await stack.send('/api/v1/rectifications', {
      token: officer,
      idempotencyKey: 'order-during-outage',
      body: {
        enterpriseId,
        matterCode: 'MS-002',
        disposition: 'order_only',
        findings: 'during the outage',
        requiredActions: ['撤下含绝对化用语的广告'],
      },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    ids.push(order.body.id);

    // ...and the read model converged with every workflow: projection, audit trail, evidence, tasks.
    await waitFor(
      'the API to report ready',
      async () => (await stack.call('GET', '/readyz', { token: officer })).status === 200,
    );
    for (const id of ids) {
      const view = (await stack.call('GET', `/api/v1/rectifications/${id}`, { token: officer })).body;
      await waitFor(
        `the projection of ${id} to converge`,
        async () => {
          const [row] = await stack.database.db.select().from(processes).where(eq(processes.id, id));
          return row?.version === view.history.length;
        },
        { timeoutMs: 90_000 },
      );
      await expectReadModelOf(stack.database.db, view);
    }
    const listed = await stack.call('GET', '/api/v1/tasks', { token: officer });
    expect(listed.status).toBe(200);
    console.log(
      `database outage: ${((restoredAt - cutAt) / 1000).toFixed(0)} s; reads answered 503 in ` +
        `${(stalledProbe / 1000).toFixed(1)} s (stalled) and ${(refusedProbe / 1000).toFixed(1)} s (refused) for 5 calls at once; ` +
        `steps in flight finished ${((answeredAt - restoredAt) / 1000).toFixed(1)} s after the database came back`,
    );
  });
});
