// The proactive repair service (主动信用修复): the list of penalty records eligible now or within N
// days, told and visited or not, exact against records entered with known dates; a credit staff
// visit task from the day a record becomes eligible, recorded once.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWorkingDays } from '../../domain';
import { useApi } from '../support/context';
import { expectOneAccepted, sendAtOnce } from '../support/concurrency';
import { creditRepairParties, penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { serverToday } from '../support/rectifications';

const ctx = useApi({ timeSkipping: 'own', worker: true });
const AGENCY = 'SAMR-HZ';

describe('the proactive repair service', () => {
  const ids = {} as Record<'eligible' | 'soon' | 'later', string>;
  let staff: string;
  let today: string;
  let soonFrom: string;
  const list = async (within = 30) =>
    (await ctx.api.call('GET', `/api/v1/repair-service?agency=${AGENCY}&within=${within}`, { token: staff })).body;
  const visit = (id: string, visitedOn: string) =>
    ctx.api.call('POST', `/api/v1/penalty-records/${id}/visits`, {
      token: staff,
      body: { visitedOn, outcome: 'informed', note: '上门告知修复条件和所需材料' },
    });

  it('lists records eligible now or within N days, with whether the enterprise was told and visited', async () => {
    const p = await creditRepairParties(ctx, 1);
    staff = p.creditStaff;
    today = await serverToday(ctx);
    const enter = (decidedOn: string) =>
      penaltyRecords(ctx).enter(p.officer, penaltyDecision(p.enterpriseId, decidedOn));
    const eligible = await enter(addMonths(today, -4));
    const soon = await enter(addDays(addMonths(today, -3), 10));
    const later = await enter(today);
    [ids.eligible, ids.soon, ids.later] = [eligible.body.id, soon.body.id, later.body.id];
    soonFrom = soon.body.repairEligibleFrom;

    const thirty = await list();
    const hundred = await list(100);

    expect(thirty).toEqual({
      asOf: today,
      within: 30,
      agency: AGENCY,
      records: [
        expect.objectContaining({
          penaltyRecordId: ids.eligible,
          status: 'repair_eligible',
          repairEligibleFrom: eligible.body.repairEligibleFrom,
          eligibleNow: true,
          told: true,
          toldOn: today,
          visited: false,
          visit: {
            dueOn: addWorkingDays(today, 10).date,
            visitedOn: null,
            outcome: null,
            note: null,
            recordedBy: null,
          },
        }),
        expect.objectContaining({
          penaltyRecordId: ids.soon,
          status: 'published',
          repairEligibleFrom: soonFrom,
          eligibleNow: false,
          told: false,
          toldOn: null,
          visited: false,
          visit: null,
        }),
      ],
    });
    expect(hundred.records.map((r: { penaltyRecordId: string }) => r.penaltyRecordId)).toEqual([
      ids.eligible,
      ids.soon,
      ids.later,
    ]);
  });

  it('gives credit staff a visit task on eligibility, recorded once of five at once', async () => {
    const tasks = (await ctx.api.call('GET', '/api/v1/tasks', { token: staff })).body.tasks;
    const early = await visit(ids.soon, today);

    const answers = await sendAtOnce(5, () => visit(ids.eligible, today));

    expect(
      tasks.filter((t: { step: string }) => t.step === 'repair_visit').map((t: { processId: string }) => t.processId),
    ).toEqual([ids.eligible]);
    expect(early.status).toBe(409);
    expectOneAccepted(answers, 201);
    const after = (await ctx.api.call('GET', '/api/v1/tasks', { token: staff })).body.tasks;
    expect(after.filter((t: { step: string }) => t.step === 'repair_visit')).toEqual([]);
    expect((await list()).records[0]).toMatchObject({
      visited: true,
      visit: { visitedOn: today, outcome: 'informed', recordedBy: 'credit-1' },
    });
  });

  it('tells the enterprise and tasks a visit on the day a record becomes eligible', async () => {
    await ctx.env.sleep(`${11} days`);

    await expect
      .poll(async () => (await list()).records.find((r: { penaltyRecordId: string }) => r.penaltyRecordId === ids.soon))
      .toMatchObject({
        eligibleNow: true,
        told: true,
        toldOn: soonFrom,
        visit: { dueOn: addWorkingDays(soonFrom, 10).date, visitedOn: null },
      });
  });
});
