// Crash safety: the worker and the API are killed with SIGKILL while a client drives a few hundred
// human steps through the API, each POST under an Idempotency-Key and retried with that key until
// it gets an answer. Afterwards every acknowledged step must be in the workflow exactly once and
// in Postgres exactly once (audit entry, evidence rows, projection version), and nothing else.
import { eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, processes } from '../../db/schema';
import { makeUscc } from '../support/fixtures';
import { loadRunner, type LoadStep } from '../support/load';
import { waitFor } from '../support/processes';
import { expectReadModelOf } from '../support/readModel';
import { evidenceForm, orderOnly } from '../support/rectifications';
import { reachableAdminDatabase, startStack, type Stack } from '../support/stack';

const CASES = 20;
/** Evidence rounds per case, each rejected: 2 steps a round, 200 steps in all. */
const ROUNDS = 5;
/** Requests in flight at once. */
const CONCURRENCY = 6;
/** Kill the worker after this many steps, the API after that many, the worker again after that. */
const CHAOS = [
  { after: 40, service: 'worker' },
  { after: 95, service: 'api' },
  { after: 150, service: 'worker' },
] as const;

const adminDatabaseUrl = await reachableAdminDatabase();

interface Step extends LoadStep<'order' | 'evidence' | 'review'> {
  round: number;
}

describe.skipIf(!adminDatabaseUrl)('crash safety (worker and API killed with SIGKILL)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ adminDatabaseUrl: adminDatabaseUrl! });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('applies every acknowledged step exactly once and nothing else, in the workflows and in Postgres', async () => {
    // Given: enterprises, each with a business user; one officer's agency orders and reviews.
    const officer = await stack.token({ sub: 'officer-crash', role: 'officer', agency: 'SAMR-HZ' });
    const auditor = await stack.token({ sub: 'auditor-crash', role: 'auditor' });
    const businesses: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const enterpriseId = makeUscc(9000 + i);
      const registered = await stack.send('/api/v1/enterprises', {
        token: officer,
        idempotencyKey: `register-${i}`,
        body: { id: enterpriseId, name: `崩溃测试企业${i}`, kind: 'legal_person' },
      });
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      businesses.push(await stack.token({ sub: `biz-crash-${i}`, role: 'business', enterpriseId }));
    }

    // When: every case runs order → (evidence → rejected) × ROUNDS, all cases side by side, while
    // the worker and the API are killed and restarted at set points of the run.
    const caseIds: string[] = [];
    // Only the steps after the orders count towards the chaos points.
    const { steps, counter, run: runStep } = loadRunner<Step>(stack, CONCURRENCY, (step) => step.kind !== 'order');

    const lane = async (i: number) => {
      const ordered = await runStep(
        { key: `order-${i}`, kind: 'order', caseIndex: i, round: 0, text: `findings ${i}` },
        '/api/v1/rectifications',
        {
          token: officer,
          body: orderOnly(makeUscc(9000 + i), `findings ${i}`, 30),
        },
      );
      const id: string = ordered.body.id;
      caseIds[i] = id;
      for (let round = 1; round <= ROUNDS; round++) {
        const description = `evidence ${i}.${round}`;
        await runStep(
          { key: `evidence-${i}-${round}`, kind: 'evidence', caseIndex: i, round, text: description },
          `/api/v1/rectifications/${id}/evidence`,
          { token: businesses[i]!, form: () => evidenceForm(description) },
        );
        const reasons = `review ${i}.${round}`;
        await runStep(
          { key: `review-${i}-${round}`, kind: 'review', caseIndex: i, round, text: reasons },
          `/api/v1/rectifications/${id}/review`,
          { token: officer, body: { decision: 'rejected', reasons } },
        );
      }
    };

    const chaos = async () => {
      for (const { after, service } of CHAOS) {
        await counter.reached(after);
        const target = service === 'worker' ? stack.worker : stack.api;
        await target.kill('SIGKILL');
        await target.start();
      }
    };

    const started = Date.now();
    const lanes = Promise.all(Array.from({ length: CASES }, (_, i) => lane(i)));
    await Promise.all([lanes, chaos()]);
    const elapsed = Date.now() - started;

    // Then: the run was really disturbed, and every step was acknowledged in the end.
    expect(stack.worker.starts).toBe(3);
    expect(stack.api.starts).toBe(2);
    const disturbed = steps.filter((s) => s.outcome!.attempts > 1);
    expect(disturbed.length, 'some requests had to be retried').toBeGreaterThan(0);
    const acknowledged = steps.filter((s) => s.outcome!.status >= 200 && s.outcome!.status < 300);
    expect(acknowledged).toHaveLength(CASES * (1 + 2 * ROUNDS));
    const reasons = new Map<string, number>();
    for (const why of disturbed.flatMap((s) => s.outcome!.retried)) {
      const kind = why.startsWith('network') ? 'network error' : why;
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
    console.log(
      `crash test: ${acknowledged.length} steps in ${(elapsed / 1000).toFixed(0)} s; ${disturbed.length} retried: ` +
        [...reasons].map(([why, n]) => `${n}× ${why}`).join(', '),
    );

    // Each case in its workflow: each acknowledged step's effect exactly once, nothing more.
    for (let i = 0; i < CASES; i++) {
      const id = caseIds[i]!;
      const view = await waitFor(`the view of case ${i}`, async () => {
        const res = await stack.call('GET', `/api/v1/rectifications/${id}`, { token: officer });
        return res.status === 200 ? res.body : undefined;
      });
      const mine = acknowledged.filter((s) => s.caseIndex === i);
      const expectedEvidence = mine.filter((s) => s.kind === 'evidence');
      const expectedReviews = mine.filter((s) => s.kind === 'review');
      expect(view.status).toBe('awaiting_evidence');
      expect(view.submissions.map((s: { description: string }) => s.description)).toEqual(
        expectedEvidence.map((s) => s.text),
      );
      expect(view.submissions.map((s: { round: number }) => s.round)).toEqual(expectedEvidence.map((s) => s.round));
      expect(view.reviews.map((r: { reasons: string }) => r.reasons)).toEqual(expectedReviews.map((s) => s.text));
      // What each evidence POST answered is what the workflow holds for that round.
      for (const step of expectedEvidence) {
        expect(step.outcome!.body.round).toBe(step.round);
        expect(view.submissions[step.round - 1].files).toEqual(step.outcome!.body.files);
      }
      const actions = view.history.map((h: { action: string }) => h.action);
      expect(actions).toEqual([
        'rectification.ordered',
        ...expectedEvidence.flatMap(() => ['rectification.evidence_submitted', 'rectification.evidence_rejected']),
      ]);

      // ...and in Postgres, converged with the workflow.
      await expectReadModelOf(stack.database.db, view);
    }

    // No case was ordered twice by a retried order, and every key has its answer stored.
    const [ordered] = await stack.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(processes)
      .where(eq(processes.processType, 'rectification'));
    expect(ordered?.count).toBe(CASES);
    const unanswered = await stack.database.db.select().from(idempotencyKeys).where(isNull(idempotencyKeys.statusCode));
    expect(unanswered).toEqual([]);
    // The audit trail says the same to an auditor through the API.
    const trail = await stack.call('GET', `/api/v1/audit?entityType=rectification&entityId=${caseIds[0]}`, {
      token: auditor,
    });
    expect(trail.status).toBe(200);
  });
});
