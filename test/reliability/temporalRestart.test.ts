// Temporal restart: the dev server (SQLite file) is stopped in the middle of a run, with cases
// open at different stages and timers pending, and started again on the same file and port. The
// worker and the API, separate processes that nobody restarts, must carry on by themselves: every
// open case keeps its state and accepts its next step, pending timers survive, and a timer that
// fell due while the server was down fires once it is back.
//
// The production processes only have timers at day boundaries in Shanghai, far beyond a test's
// wait, so the firing is shown with the small `sleepDays` fixture workflow (test/support/workflows.ts),
// run by a worker of this test's own on a task queue of its own; the real cases show that their
// (long) agenda timers are still pending afterwards.
import path from 'node:path';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes } from '../../db/schema';
import { addMonths, todayInShanghai } from '../../domain';
import type { sleepDays } from '../support/workflows';
import { makeUscc } from '../support/fixtures';
import { COMPLETE_MATERIALS, penaltyDecision } from '../support/penaltyRecords';
import { REPO_ROOT, waitFor } from '../support/processes';
import { evidenceForm, orderOnly } from '../support/rectifications';
import { reachableAdminDatabase, startStack, type Stack } from '../support/stack';

const adminDatabaseUrl = await reachableAdminDatabase();
/** A timer that falls due while the server is down (it takes a second or two to stop)... */
const WHILE_DOWN_S = 8;
/** ...and one that falls due after it is back (it stays down about 20 s, then starts in a few). */
const AFTER_RESTART_S = 45;

/** Timers still waiting in a workflow's history: started, neither fired nor cancelled. */
async function pendingTimers(stack: Stack, workflowId: string): Promise<string[]> {
  const client = new Client({ connection: stack.connection });
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const started = new Map<string, string>();
  for (const event of history.events ?? []) {
    const startedAttrs = event.timerStartedEventAttributes;
    if (startedAttrs?.timerId) started.set(startedAttrs.timerId, String(event.eventId));
    const ended = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
    if (ended) started.delete(ended);
  }
  return [...started.values()];
}

describe.skipIf(!adminDatabaseUrl)('Temporal restart (dev server stopped and started on the same file)', () => {
  let stack: Stack;
  let timerWorker: { connection: NativeConnection; done: Promise<void>; worker: Worker } | undefined;
  beforeAll(async () => {
    const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };
    const [started, bundle] = await Promise.all([
      startStack({ adminDatabaseUrl: adminDatabaseUrl! }),
      bundleWorkflowCode({ workflowsPath: path.join(REPO_ROOT, 'test/support/workflows.ts'), logger: quiet }),
    ]);
    stack = started;
    const connection = await NativeConnection.connect({ address: stack.temporal.address });
    const worker = await Worker.create({
      connection,
      taskQueue: `${stack.taskQueue}-timers`,
      workflowBundle: bundle,
    });
    timerWorker = { connection, worker, done: worker.run() };
  });
  afterAll(async () => {
    if (timerWorker) {
      if (timerWorker.worker.getState() === 'RUNNING') timerWorker.worker.shutdown();
      await timerWorker.done.catch(() => undefined);
      await timerWorker.connection.close();
    }
    await stack?.close();
  });

  it('keeps every open case and timer across the restart, and the services carry on by themselves', async () => {
    // Given: three rectifications at different stages and a penalty record whose repair
    // eligibility begins today (its planned milestone fires at once), each with agenda timers.
    const officer = await stack.token({ sub: 'officer-restart', role: 'officer', agency: 'SAMR-HZ' });
    const creditStaff = await stack.token({ sub: 'credit-restart', role: 'credit_staff' });
    const enterpriseId = makeUscc(9100);
    const business = await stack.token({ sub: 'biz-restart', role: 'business', enterpriseId });
    const registered = await stack.send('/api/v1/enterprises', {
      token: officer,
      idempotencyKey: 'register',
      body: { id: enterpriseId, name: '重启测试企业', kind: 'legal_person' },
    });
    expect(registered.status).toBe(201);
    const evidence = (id: string, description: string, key: string) =>
      stack.send(`/api/v1/rectifications/${id}/evidence`, {
        token: business,
        idempotencyKey: key,
        form: () => evidenceForm(description),
      });
    const cases: string[] = [];
    for (const n of [1, 2, 3]) {
      const ordered = await stack.send('/api/v1/rectifications', {
        token: officer,
        idempotencyKey: `order-${n}`,
        body: orderOnly(enterpriseId, `findings ${n}`),
      });
      expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
      cases.push(ordered.body.id);
    }
    const [waiting, underReview, reopened] = cases as [string, string, string];
    expect((await evidence(underReview, 'round 1', 'ev-b1')).status).toBe(202);
    expect((await evidence(reopened, 'round 1', 'ev-c1')).status).toBe(202);
    const rejected = await stack.send(`/api/v1/rectifications/${reopened}/review`, {
      token: officer,
      idempotencyKey: 'review-c1',
      body: { decision: 'rejected', reasons: '不清晰' },
    });
    expect(rejected.body.status).toBe('awaiting_evidence');
    const today = todayInShanghai(new Date());
    const entered = await stack.send('/api/v1/penalty-records', {
      token: creditStaff,
      idempotencyKey: 'penalty',
      body: penaltyDecision(enterpriseId, addMonths(today, -3)),
    });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    const penaltyId: string = entered.body.id;
    const readPenalty = () => stack.call('GET', `/api/v1/penalty-records/${penaltyId}`, { token: creditStaff });
    await waitFor('the penalty record to turn repair-eligible', async () => {
      const res = await readPenalty();
      return res.body?.status === 'repair_eligible' && res.body;
    });

    const readCase = async (id: string) =>
      (await stack.call('GET', `/api/v1/rectifications/${id}`, { token: officer })).body;
    const before = new Map<string, any>();
    for (const id of cases) before.set(id, await readCase(id));
    before.set(penaltyId, (await readPenalty()).body);
    const workflowIds = new Map<string, string>();
    for (const id of [...cases, penaltyId]) {
      const [row] = await stack.database.db.select().from(processes).where(eq(processes.id, id));
      workflowIds.set(id, row!.workflowId);
    }
    for (const [id, workflowId] of workflowIds) {
      await waitFor(
        `case ${id} to wait on its agenda timer`,
        async () => (await pendingTimers(stack, workflowId)).length === 1,
      );
    }

    // ...and two short timers: one falls due while the server is down, one after it is back.
    const client = new Client({ connection: stack.connection });
    const startTimer = (seconds: number) =>
      client.workflow.start<typeof sleepDays>('sleepDays', {
        workflowId: `timer-${seconds}s-${Date.now()}`,
        taskQueue: `${stack.taskQueue}-timers`,
        args: [seconds / 86_400],
      });
    const dueWhileDownAt = Date.now() + WHILE_DOWN_S * 1000; // or a little later
    const dueWhileDown = await startTimer(WHILE_DOWN_S);
    const dueAfter = await startTimer(AFTER_RESTART_S);

    const evidenceSentWhileDown = () => evidenceForm('sent while Temporal was down');
    // When: the server is stopped (SIGTERM, SIGKILL after a grace period) and started again.
    const stopping = Date.now();
    await stack.temporal.stop();
    const stoppedAt = Date.now();
    // A step sent while Temporal is away is refused with 503 once the API's client has given up
    // retrying (about 20 s), never a 500; its retry under the same key later applies it once.
    const duringOutage = stack.call('POST', `/api/v1/rectifications/${waiting}/evidence`, {
      token: business,
      idempotencyKey: 'ev-a1',
      form: evidenceSentWhileDown,
    });
    const readiness = await stack.call('GET', '/readyz', { token: officer });
    expect(readiness.status).toBe(503);
    expect(readiness.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(readiness.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'database', ok: true }),
        expect.objectContaining({ name: 'temporal', ok: false }),
      ]),
    );
    const sentDuringOutage = await duringOutage;
    expect(sentDuringOutage.status, JSON.stringify(sentDuringOutage.body)).toBe(503);
    expect(sentDuringOutage.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(dueWhileDownAt, 'the server stopped before the first timer fell due').toBeGreaterThan(stoppedAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueWhileDownAt + 3_000 - Date.now())));
    await stack.temporal.start();
    const restartedAt = Date.now();

    // Then: the services are ready again without having been restarted.
    await waitFor(
      'the API to report ready',
      async () => (await stack.call('GET', '/readyz', { token: officer })).status === 200,
    );
    expect([stack.worker.starts, stack.api.starts]).toEqual([1, 1]);
    expect(stack.worker.pid).toBeDefined();
    expect(stack.api.pid).toBeDefined();

    console.log(
      `temporal restart: stopped in ${((stoppedAt - stopping) / 1000).toFixed(1)} s, down for ` +
        `${((restartedAt - stoppedAt) / 1000).toFixed(1)} s`,
    );
    const retried = await stack.send(`/api/v1/rectifications/${waiting}/evidence`, {
      token: business,
      idempotencyKey: 'ev-a1',
      form: evidenceSentWhileDown,
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);

    // Every open case kept its state and takes its next step.
    const accepted = await stack.send(`/api/v1/rectifications/${underReview}/review`, {
      token: officer,
      idempotencyKey: 'review-b1',
      body: { decision: 'accepted', reasons: '整改到位' },
    });
    expect(accepted.body.status).toBe('follow_up');
    const secondRound = await evidence(reopened, 'round 2', 'ev-c2');
    expect(secondRound.body).toMatchObject({ round: 2, status: 'under_review' });
    const applied = await stack.send(`/api/v1/penalty-records/${penaltyId}/repair-applications`, {
      token: business,
      idempotencyKey: 'apply',
      body: COMPLETE_MATERIALS,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);

    const after = new Map<string, any>();
    for (const id of cases) after.set(id, await readCase(id));
    after.set(penaltyId, (await readPenalty()).body);
    for (const [id, was] of before) {
      const now = after.get(id);
      // Nothing recorded before the restart was lost or changed; exactly one step was added.
      expect(now.history.slice(0, was.history.length)).toEqual(was.history);
      expect(now.history).toHaveLength(was.history.length + 1);
    }
    expect(after.get(waiting).submissions.map((s: { description: string }) => s.description)).toEqual([
      'sent while Temporal was down',
    ]);
    expect(after.get(penaltyId).status).toBe('application_pending');
    // The read model converged with every workflow.
    for (const id of [...cases, penaltyId]) {
      await waitFor(`the projection of ${id} to catch up`, async () => {
        const [row] = await stack.database.db.select().from(processes).where(eq(processes.id, id));
        return row?.version === after.get(id).history.length;
      });
    }
    // The agenda timers are still pending after the restart (the steps just taken re-armed some).
    for (const [id, workflowId] of workflowIds) {
      await waitFor(
        `case ${id} to wait on its agenda timer`,
        async () => (await pendingTimers(stack, workflowId)).length === 1,
      );
    }

    // The timer due during the outage fired after the restart; the other one on time, after it.
    const [whileDown, afterRestart] = await Promise.all([dueWhileDown.result(), dueAfter.result()]);
    const firedAt = (r: { startedAt: string; wokeAt: string }) => Date.parse(r.wokeAt);
    expect(firedAt(whileDown) - Date.parse(whileDown.startedAt)).toBeGreaterThanOrEqual(WHILE_DOWN_S * 1000);
    expect(firedAt(whileDown)).toBeGreaterThanOrEqual(stoppedAt);
    expect(firedAt(afterRestart) - Date.parse(afterRestart.startedAt)).toBeGreaterThanOrEqual(AFTER_RESTART_S * 1000);
    expect(firedAt(afterRestart)).toBeGreaterThanOrEqual(restartedAt);
  });
});
