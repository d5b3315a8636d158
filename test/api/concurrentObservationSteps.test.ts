// Every step of an observation period is atomic per case: five identical requests at once, without
// an Idempotency-Key, give one effect and four 409 INVALID_STATE (no second credit-file entry, no
// second child rectification); additive records (measures, incidents) are one per request, numbered
// without gaps or repeats; a conclusion and a termination at once never both take effect.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { processes } from '../../db/schema';
import { useApi } from '../support/context';
import { expectOneAccepted, expectRecordedOnce, recordedFor, sendAtOnce } from '../support/concurrency';
import { observationParties, observationPeriods, sleepUntil } from '../support/observation';

// Its own time-skipping server: periods are taken to their end.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = observationPeriods(ctx);
const N = 5;
let serial = 100;

async function offered() {
  const parties = await observationParties(ctx, ++serial);
  const answer = await api.open(parties.officer, {
    enterpriseId: parties.enterpriseId,
    matterCode: 'MS-005',
    legalBasis: '《优化营商环境条例》第五十五条',
    months: 1,
    reason: '平台经济新模式企业，首次发现轻微问题',
  });
  expect(answer.status).toBe(201);
  return { ...parties, id: answer.body.id as string };
}

async function active() {
  const p = await offered();
  expect((await api.step(p.business, p.id, 'consent', { accept: true })).status).toBe(200);
  return p;
}

/** A period taken past its end date: awaiting the officer's conclusion. */
async function ended() {
  const p = await active();
  await sleepUntil(ctx, (await api.get(p.officer, p.id)).body.endDate);
  expect((await api.get(p.officer, p.id)).body.status).toBe('awaiting_conclusion');
  return p;
}

describe('observation period steps sent five times at once', () => {
  it('consent: accepted once, one set of check-ins planned', async () => {
    const p = await offered();

    const answers = await sendAtOnce(N, () => api.step(p.business, p.id, 'consent', { accept: true }));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, p.id, 'observation.consented');
    expect(recorded.openTasks).toEqual({ check_in: 1 });
  });

  it('a decline: declined once, one (neutral) credit-file entry', async () => {
    const p = await offered();

    const answers = await sendAtOnce(N, () => api.step(p.business, p.id, 'consent', { accept: false }));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, p.id, 'observation.declined');
    expect(recorded.creditFile).toEqual({ observation_declined: 1 });
  });

  it('measures and incidents are additive: five of each, numbered 1 to 5, one check-in completed', async () => {
    const p = await active();

    const measures = await sendAtOnce(N, (i) =>
      api.step(p.officer, p.id, 'measures', { type: 'education_reminder', note: `提醒 ${i}` }),
    );
    const incidents = await sendAtOnce(N, (i) =>
      api.step(p.officer, p.id, 'incidents', { description: `情况 ${i}`, harm: 'none' }),
    );

    expect([...measures, ...incidents].map((a) => a.status)).toEqual(Array(2 * N).fill(200));
    const view = (await api.get(p.officer, p.id)).body;
    expect(view.measures.map((m: { number: number }) => m.number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(view.incidents.map((m: { number: number }) => m.number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(view.measures.filter((m: { checkIn?: number }) => m.checkIn !== undefined)).toHaveLength(1);
    const recorded = await recordedFor(ctx, p.id);
    expect([recorded.audit['observation.measure_recorded'], recorded.audit['observation.incident_recorded']]).toEqual([
      N,
      N,
    ]);
  });

  it('extension: one extension, the period one month longer', async () => {
    const p = await active();

    const answers = await sendAtOnce(N, () =>
      api.step(p.officer, p.id, 'extension', { months: 1, reason: '需继续观察' }),
    );

    expectOneAccepted(answers);
    await expectRecordedOnce(ctx, p.id, 'observation.extended');
    expect((await api.get(p.officer, p.id)).body).toMatchObject({ months: 2, extensions: [{ months: 1 }] });
  });

  it('termination: ended once', async () => {
    const p = await active();

    const answers = await sendAtOnce(N, () =>
      api.step(p.officer, p.id, 'termination', { reason: 'general_procedure', note: '转一般程序' }),
    );

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, p.id, 'observation.terminated');
    expect(recorded.creditFile).toEqual({ observation_terminated: 1 });
  });
});

describe('different observation steps sent at once', () => {
  it('a conclusion and a termination: one ends the period, the other is refused', async () => {
    const p = await ended();

    const answers = await Promise.all([
      api.step(p.officer, p.id, 'conclusion', { outcome: 'passed', reason: '观察期满，表现良好' }),
      api.step(p.officer, p.id, 'termination', { reason: 'other', note: '另行处理' }),
    ]);

    const winner = expectOneAccepted(answers);
    const recorded = await recordedFor(ctx, p.id);
    const final = winner === answers[0] ? 'passed' : 'terminated';
    expect({ status: winner.body.status, creditFile: recorded.creditFile }).toEqual({
      status: final,
      creditFile: { [`observation_${final}`]: 1 },
    });
  });
});

// Last in the file: once a period has started a child rectification, the Java test server stops
// skipping time for the rest of the run (seen with the code before and after steps took turns).
describe('a conclusion that starts a child case, sent five times at once', () => {
  it('an escalated conclusion ordering a rectification: one conclusion, one child case', async () => {
    const p = await ended();
    const body = {
      outcome: 'escalated',
      reason: '观察期内问题未改正',
      rectification: {
        disposition: 'order_only',
        findings: '观察期内未改正',
        requiredActions: ['限期改正'],
        deadline: { workingDays: 10 },
      },
    };

    const answers = await sendAtOnce(N, () => api.step(p.officer, p.id, 'conclusion', body));

    expectOneAccepted(answers);
    const recorded = await expectRecordedOnce(ctx, p.id, 'observation.escalated');
    expect(recorded.creditFile).toEqual({ observation_escalated: 1 });
    const children = await ctx.database.db
      .select({ id: processes.id })
      .from(processes)
      .where(eq(processes.enterpriseId, p.enterpriseId));
    expect(children.map((c) => c.id).sort()).toEqual(
      [p.id, answers.find((a) => a.status === 200)!.body.rectificationId].sort(),
    );
  });
});
