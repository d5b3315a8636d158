// Scale-out: two API processes and two worker processes on one Postgres and one Temporal server,
// as a deployment with two replicas of each runs. Several clients drive human steps of all three
// processes through both APIs, every POST under an Idempotency-Key and retried (on the other API)
// until answered, while one API and one worker are killed with SIGKILL and not brought back. The
// survivors must carry everything: every acknowledged step is in its workflow exactly once, every
// case's read model equals its workflow's view, and no audit row is written twice.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, idempotencyKeys, processes } from '../../db/schema';
import { addMonths, todayInShanghai } from '../../domain';
import { observationWorkflowId } from '../../workflows/messages/observationPeriod';
import { penaltyRecordWorkflowId } from '../../workflows/messages/penaltyRecord';
import { rectificationWorkflowId } from '../../workflows/messages/rectification';
import { makeUscc } from '../support/fixtures';
import { loadRunner, type LoadStep } from '../support/load';
import { COMPLETE_MATERIALS, penaltyDecision } from '../support/penaltyRecords';
import { REPO_ROOT, waitFor } from '../support/processes';
import { expectReadModelOf, type CaseView } from '../support/readModel';
import { evidenceForm, orderOnly } from '../support/rectifications';
import { reachableAdminDatabase, startStack, type RequestOptions, type Stack } from '../support/stack';
import { workerIdentities } from '../support/workerIdentities';

const RECTIFICATIONS = 8;
/** Evidence rounds per rectification, each rejected: 2 steps a round. */
const ROUNDS = 3;
const OBSERVATION_PERIODS = 6;
/** Soft measures per observation period, after its consent and before one incident. */
const MEASURES = 3;
const PENALTY_RECORDS = 6;
/** Requests in flight at once, from all clients together. */
const CONCURRENCY = 8;
/** Kill a worker after this many steps, an API after that many. */
const KILL_WORKER_AFTER = 30;
const KILL_API_AFTER = 55;
const AGENCY = 'SAMR-HZ';

const adminDatabaseUrl = await reachableAdminDatabase();

type Kind = 'rectification' | 'observation_period' | 'penalty_record';

interface Step extends LoadStep<Kind> {
  /** The history entry it adds, without the process's prefix: `evidence_submitted`. */
  action: string;
}

describe.skipIf(!adminDatabaseUrl)('scale-out (two APIs, two workers; one of each killed)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ adminDatabaseUrl: adminDatabaseUrl!, apis: 2, workers: 2 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('passes the worker health check (npm run worker:health) while a worker of this host polls, and only then', async () => {
    const healthOf = (taskQueue: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/workerHealth.ts')], {
          cwd: REPO_ROOT,
          env: { ...process.env, TEMPORAL_ADDRESS: stack.temporal.address, TEMPORAL_TASK_QUEUE: taskQueue },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.once('exit', (code) => resolve({ code, stderr }));
      });

    const [polled, unpolled] = await Promise.all([healthOf(stack.taskQueue), healthOf('nobody-polls-this')]);

    expect(polled).toEqual({ code: 0, stderr: '' });
    expect(unpolled.code).toBe(1);
    expect(unpolled.stderr).toContain('polls nobody-polls-this');
  });

  it('loses and duplicates nothing when an API and a worker die under load', async () => {
    // Given: parties, and the observation periods and penalty records open (their openings are
    // keyed by business ids, not by the Idempotency-Key; see the README's known limits).
    const officer = await stack.token({ sub: 'officer-scale', role: 'officer', agency: AGENCY });
    const creditStaff = await stack.token({ sub: 'credit-scale', role: 'credit_staff' });
    const register = async (serial: number, newBusinessModel: boolean) => {
      const enterpriseId = makeUscc(serial);
      const registered = await stack.send('/api/v1/enterprises', {
        token: officer,
        idempotencyKey: `register-${serial}`,
        via: serial,
        body: { id: enterpriseId, name: `扩容测试企业${serial}`, kind: 'legal_person', newBusinessModel },
      });
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      return {
        enterpriseId,
        business: await stack.token({ sub: `biz-scale-${serial}`, role: 'business', enterpriseId }),
      };
    };
    const rectificationParties = await Promise.all(
      Array.from({ length: RECTIFICATIONS }, (_, i) => register(9100 + i, false)),
    );
    const observationParties = await Promise.all(
      Array.from({ length: OBSERVATION_PERIODS }, (_, i) => register(9200 + i, true)),
    );
    const penaltyParties = await Promise.all(
      Array.from({ length: PENALTY_RECORDS }, (_, i) => register(9300 + i, false)),
    );
    /** Opens a case (201), keyed and retried like every POST here; its id. */
    const open = async (pathname: string, idempotencyKey: string, token: string, via: number, body: unknown) => {
      const opened = await stack.send(pathname, { token, idempotencyKey, via, body });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      return opened.body.id as string;
    };
    const periodIds = await Promise.all(
      observationParties.map(({ enterpriseId }, i) =>
        open('/api/v1/observation-periods', `observe-${i}`, officer, i, {
          enterpriseId,
          matterCode: 'MS-005',
          legalBasis: '《优化营商环境条例》第五十五条',
          months: 6,
          reason: '平台经济新模式企业，适用观察期',
        }),
      ),
    );
    // Decided six months ago: past the minimum publication period, so repair can be applied for.
    const decidedOn = addMonths(todayInShanghai(new Date()), -6);
    const recordIds = await Promise.all(
      penaltyParties.map(({ enterpriseId }, i) =>
        open('/api/v1/penalty-records', `penalty-${i}`, creditStaff, i, penaltyDecision(enterpriseId, decidedOn)),
      ),
    );
    const initialWorkers = stack.workers.map((w) => w.pid!);

    // When: one client per case drives its steps, half through each API, while chaos strikes.
    const rectificationIds: string[] = [];
    const load = loadRunner<Step>(stack, CONCURRENCY);
    const { steps, counter } = load;
    const run = (step: Step, via: number, pathname: string, options: Omit<RequestOptions, 'via' | 'idempotencyKey'>) =>
      load.run(step, pathname, { ...options, via });

    /** The steps of case `i` of a kind: `n` tells repeated ones apart (rounds, measures). */
    const stepsOfCase =
      (kind: Kind, i: number) =>
      (action: string, n: number, text: string): Step => ({
        key: `${kind}-${action}-${i}-${n}`,
        kind,
        caseIndex: i,
        action,
        text,
      });

    const rectificationClient = async (i: number) => {
      const { enterpriseId, business } = rectificationParties[i]!;
      const step = stepsOfCase('rectification', i);
      const ordered = await run(step('ordered', 0, `findings ${i}`), i, '/api/v1/rectifications', {
        token: officer,
        body: orderOnly(enterpriseId, `findings ${i}`, 30),
      });
      const id: string = (rectificationIds[i] = ordered.body.id);
      for (let round = 1; round <= ROUNDS; round++) {
        const description = `evidence ${i}.${round}`;
        await run(step('evidence_submitted', round, description), i, `/api/v1/rectifications/${id}/evidence`, {
          token: business,
          form: () => evidenceForm(description),
        });
        const reasons = `review ${i}.${round}`;
        await run(step('evidence_rejected', round, reasons), i + 1, `/api/v1/rectifications/${id}/review`, {
          token: officer,
          body: { decision: 'rejected', reasons },
        });
      }
    };

    const observationClient = async (i: number) => {
      const id = periodIds[i]!;
      const { business } = observationParties[i]!;
      const step = stepsOfCase('observation_period', i);
      const base = `/api/v1/observation-periods/${id}`;
      await run(step('consented', 0, ''), i, `${base}/consent`, {
        token: business,
        body: { accept: true },
      });
      for (let n = 1; n <= MEASURES; n++) {
        const note = `measure ${i}.${n}`;
        await run(step('measure_recorded', n, note), i + n, `${base}/measures`, {
          token: officer,
          body: { type: 'education_reminder', note },
        });
      }
      const description = `incident ${i}`;
      await run(step('incident_recorded', 0, description), i, `${base}/incidents`, {
        token: officer,
        body: { description, harm: 'none' },
      });
    };

    const penaltyClient = async (i: number) => {
      const id = recordIds[i]!;
      const step = stepsOfCase('penalty_record', i);
      const base = `/api/v1/penalty-records/${id}/repair-applications`;
      const applied = await run(step('repair_applied', 0, ''), i, base, {
        token: penaltyParties[i]!.business,
        body: COMPLETE_MATERIALS,
      });
      for (const [action, decision] of [
        ['repair_accepted', 'accepted'],
        ['repaired', 'approved'],
      ] as const) {
        const reasons = `${decision} ${i}`;
        await run(step(action, 0, reasons), i + 1, `${base}/${applied.body.id}/decision`, {
          token: creditStaff,
          body: { decision, reasons },
        });
      }
    };

    const chaos = async () => {
      await counter.reached(KILL_WORKER_AFTER);
      await stack.workers[0]!.kill('SIGKILL');
      await counter.reached(KILL_API_AFTER);
      await stack.apis[1]!.kill('SIGKILL');
    };

    const started = Date.now();
    await Promise.all([
      ...rectificationParties.map((_, i) => rectificationClient(i)),
      ...observationParties.map((_, i) => observationClient(i)),
      ...penaltyParties.map((_, i) => penaltyClient(i)),
      chaos(),
    ]);
    const elapsed = Date.now() - started;

    // Then: the load went through both APIs, failed over from the dead one, and was all acknowledged.
    const total = RECTIFICATIONS * (1 + 2 * ROUNDS) + OBSERVATION_PERIODS * (2 + MEASURES) + PENALTY_RECORDS * 3;
    expect(steps).toHaveLength(total);
    expect(steps.every((s) => s.outcome!.status < 300)).toBe(true);
    expect([stack.workers[0]!.pid, stack.apis[1]!.pid]).toEqual([undefined, undefined]);
    expect(new Set(steps.map((s) => s.outcome!.answeredBy))).toEqual(new Set([0, 1]));
    const failedOver = steps.filter((s) => s.outcome!.retried.some((why) => why.startsWith('network')));
    expect(failedOver.length, 'requests to the killed API were retried on the other').toBeGreaterThan(0);
    console.log(
      `scale-out test: ${steps.length} steps in ${(elapsed / 1000).toFixed(0)} s; ` +
        `${steps.filter((s) => s.outcome!.attempts > 1).length} retried, ${failedOver.length} after a network error`,
    );

    // Each case's workflow holds each acknowledged step once, and its read model equals its view.
    const stepsOf = (kind: Kind, i: number) => steps.filter((s) => s.kind === kind && s.caseIndex === i);
    const humanActions = (view: CaseView, prefix: string) =>
      view.history.map((h) => h.action).filter((a) => steps.some((s) => `${prefix}.${s.action}` === a));
    const viewOf = async (path: string, token = officer) =>
      waitFor(`the view at ${path}`, async () => {
        const res = await stack.call('GET', path, { token, via: 0 });
        return res.status === 200 ? res.body : undefined;
      });
    const workflowIds: string[] = [];

    for (let i = 0; i < RECTIFICATIONS; i++) {
      const view = await viewOf(`/api/v1/rectifications/${rectificationIds[i]}`);
      const mine = stepsOf('rectification', i);
      expect(humanActions(view, 'rectification')).toEqual(mine.map((s) => `rectification.${s.action}`));
      expect(view.submissions.map((s: { description: string }) => s.description)).toEqual(
        mine.filter((s) => s.action === 'evidence_submitted').map((s) => s.text),
      );
      expect(view.reviews.map((r: { reasons: string }) => r.reasons)).toEqual(
        mine.filter((s) => s.action === 'evidence_rejected').map((s) => s.text),
      );
      await expectReadModelOf(stack.database.db, view, 'rectification');
      workflowIds.push(rectificationWorkflowId(view.id));
    }
    for (let i = 0; i < OBSERVATION_PERIODS; i++) {
      const view = await viewOf(`/api/v1/observation-periods/${periodIds[i]}`);
      const mine = stepsOf('observation_period', i);
      expect(view.status).toBe('active');
      expect(humanActions(view, 'observation')).toEqual(mine.map((s) => `observation.${s.action}`));
      expect(view.measures.map((m: { note: string }) => m.note)).toEqual(
        mine.filter((s) => s.action === 'measure_recorded').map((s) => s.text),
      );
      expect(view.incidents.map((m: { description: string }) => m.description)).toEqual([`incident ${i}`]);
      await expectReadModelOf(stack.database.db, view, 'observation_period');
      workflowIds.push(observationWorkflowId(view.enterpriseId, view.matterCode));
    }
    for (let i = 0; i < PENALTY_RECORDS; i++) {
      const view = await viewOf(`/api/v1/penalty-records/${recordIds[i]}`, creditStaff);
      expect(view.status).toBe('repaired');
      expect(view.applications).toHaveLength(1);
      expect(humanActions(view, 'penalty_record')).toEqual(
        stepsOf('penalty_record', i).map((s) => `penalty_record.${s.action}`),
      );
      await expectReadModelOf(stack.database.db, view, 'penalty_record');
      workflowIds.push(penaltyRecordWorkflowId(view.id));
    }

    // No case opened twice, no audit row written twice, every key answered.
    const cases = await stack.database.db
      .select({ type: processes.processType, count: sql<number>`count(*)::int` })
      .from(processes)
      .groupBy(processes.processType);
    expect(Object.fromEntries(cases.map((c) => [c.type, c.count]))).toEqual({
      rectification: RECTIFICATIONS,
      observation_period: OBSERVATION_PERIODS,
      penalty_record: PENALTY_RECORDS,
    });
    const [audited] = await stack.database.db.select({ count: sql<number>`count(*)::int` }).from(auditLog);
    const [registrations] = await stack.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.action, 'enterprise.registered'));
    // Agencies met for the first time in a token are registered too, once each (docs/policies.md).
    const [agencies] = await stack.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.action, 'agency.registered'));
    const [versions] = await stack.database.db.select({ sum: sql<number>`sum(version)::int` }).from(processes);
    expect(registrations?.count).toBe(RECTIFICATIONS + OBSERVATION_PERIODS + PENALTY_RECORDS);
    expect(audited?.count).toBe(registrations!.count + agencies!.count + versions!.sum);
    const unanswered = await stack.database.db.select().from(idempotencyKeys).where(isNull(idempotencyKeys.statusCode));
    expect(unanswered).toEqual([]);

    // Both workers took workflow tasks before one died, and the survivor took the rest.
    const identities = await workerIdentities(stack.connection, workflowIds);
    expect(identities).toEqual(expect.arrayContaining(initialWorkers.map((pid) => expect.stringMatching(`^${pid}@`))));
  });
});
