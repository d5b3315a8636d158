// 首违不罚 is granted once: concurrent first-violation orders for one enterprise and matter, sent at
// once without an Idempotency-Key, give one 201 and NOT_FIRST_VIOLATION for the rest, whether they
// reach one API process or two (real `api/server.ts` processes on the test's database and Temporal
// dev server; the test's worker runs the workflows). Design: docs/policies.md, "First violation, once".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { processes } from '../../db/schema';
import { useApi } from '../support/context';
import { TEST_ONLY_PAYLOAD_KEYS } from '../support/payloadCodec';
import { childService, freePort, type ChildService } from '../support/processes';
import { rectificationParties } from '../support/rectifications';

const ctx = useApi({ worker: true });

const firstViolation = (enterpriseId: string, matterCode = 'MS-004') => ({
  enterpriseId,
  matterCode,
  disposition: 'first_violation_no_penalty',
  findings: '未按规定办理备案',
  requiredActions: ['办理备案'],
});

type Answer = { status: number; body: any };
const outcome = (answers: Answer[]) =>
  answers.map((a) => (a.status === 201 ? 201 : `${a.status} ${a.body?.error?.code}`)).sort();

async function ordersOnRecord(enterpriseId: string, matterCode = 'MS-004') {
  const rows = await ctx.database.db
    .select({ id: processes.id })
    .from(processes)
    .where(and(eq(processes.enterpriseId, enterpriseId), eq(processes.matterCode, matterCode)));
  return rows.length;
}

async function orderAtOnce(urls: string[], token: string, body: object, n: number): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await fetch(`${urls[i % urls.length]}/api/v1/rectifications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    }),
  );
}

describe('concurrent first-violation orders in one API process', () => {
  it.each([2, 10])('grant %i orders at once for one enterprise and matter exactly once', async (n) => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 600 + n);

    const answers = await orderAtOnce([ctx.api.url], officer, firstViolation(enterpriseId), n);

    expect(outcome(answers)).toEqual([201, ...Array(n - 1).fill('422 NOT_FIRST_VIOLATION')]);
    expect(answers.find((a) => a.status !== 201)?.body.error.details).toEqual([
      expect.objectContaining({ lookbackMonths: 24, priorViolationOn: expect.any(String) }),
    ]);
    expect(await ordersOnRecord(enterpriseId)).toBe(1);
  });

  it('does not hold back orders for other matters or enterprises', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 620);
    const other = await rectificationParties(ctx, 621);

    const answers = await Promise.all([
      ...(await orderAtOnce([ctx.api.url], officer, firstViolation(enterpriseId, 'MS-004'), 1)),
      ...(await orderAtOnce([ctx.api.url], officer, firstViolation(enterpriseId, 'MS-006'), 1)),
      ...(await orderAtOnce([ctx.api.url], other.officer, firstViolation(other.enterpriseId, 'MS-004'), 1)),
    ]);

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
  });
});

describe.skipIf(!inject('adminDatabaseUrl'))('concurrent first-violation orders across two API processes', () => {
  const apis: ChildService[] = [];
  const urls: string[] = [];
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tempered-fv-'));
    for (const name of ['api-1', 'api-2']) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const api = childService({
        name,
        entry: 'api/server.ts',
        env: {
          DATABASE_URL: ctx.database.url!,
          DATABASE_POOL_SIZE: '4',
          TEMPORAL_ADDRESS: inject('devServerAddress'),
          TEMPORAL_TASK_QUEUE: ctx.taskQueue,
          PAYLOAD_KEYS: TEST_ONLY_PAYLOAD_KEYS,
          JWT_SECRET: 'test-signing-key-of-sufficient-length!',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATA_DIR: path.join(dataDir, name),
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '1000000',
        },
        isReady: async () => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) })).ok,
      });
      apis.push(api);
      urls.push(url);
    }
    await Promise.all(apis.map((api) => api.start()));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.kill()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([2, 10])('grant %i orders sent to both at once exactly once', async (n) => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 630 + n);

    const answers = await orderAtOnce(urls, officer, firstViolation(enterpriseId), n);

    expect(outcome(answers), apis.map((a) => a.output()).join('\n')).toEqual([
      201,
      ...Array(n - 1).fill('422 NOT_FIRST_VIOLATION'),
    ]);
    expect(await ordersOnRecord(enterpriseId)).toBe(1);
  });
});
