// The work list as the processes move: each human step becomes its assignee's task when the
// workflow opens it and leaves the list when it is taken, the overdue flag flips when the due day
// ends, and every kind of user sees only its own share. Real workflows on a time-skipping server,
// real Postgres, real HTTP.
import type { Task as ListedTask } from '../../api/routes/tasks';
import { describe, expect, it, vi } from 'vitest';
import { addDays, addMonths, addWorkingDays } from '../../domain';
import { useApi } from '../support/context';
import { observationParties, observationPeriods, sleepUntil } from '../support/observation';
import { COMPLETE_MATERIALS, creditRepairParties, penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { pdf, rectificationParties, rectifications, serverToday } from '../support/rectifications';

// Its own time-skipping server: this file skips a month ahead and leaves processes open on the way.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const rectification = rectifications(ctx);
const observation = observationPeriods(ctx);
const penaltyRecord = penaltyRecords(ctx);

/** Every task `token` sees (all pages), or only those of `processId`. */
async function tasksOf(token: string, options: { processId?: string; query?: string; limit?: number } = {}) {
  const { processId, query = '', limit = 200 } = options;
  const seen: ListedTask[] = [];
  let cursor: string | undefined;
  do {
    const res = await ctx.api.call('GET', `/api/v1/tasks?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`, {
      token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...res.body.tasks);
    cursor = res.body.nextCursor;
  } while (cursor);
  // The officer's task to serve a document the business did not acknowledge in time follows every
  // case that issues one (tested in documentService.test.ts); these tests follow the processes' steps.
  const steps = seen.filter((t) => t.step !== 'document_service');
  return processId ? steps.filter((t) => t.processId === processId) : steps;
}

/** The steps `token` is asked for on one process, as `step@dueOn`. */
const stepsOf = async (token: string, processId: string, query?: string) =>
  (await tasksOf(token, { processId, query })).map((t) => `${t.step}@${t.dueOn}`);

describe('tasks follow each process', () => {
  it('rectification: commitment and evidence are the business’s, review and follow-up the officer’s, and none is left once closed', async () => {
    // Given a no-penalty rectification just ordered
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 1, 'TASKS-RECT');
    const ordered = await rectification.order(officer, {
      enterpriseId,
      matterCode: 'MS-002',
      disposition: 'no_penalty',
      findings: '店招使用“全市最佳”字样',
      requiredActions: ['撤下含绝对化用语的广告'],
      deadline: { workingDays: 10 },
    });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
    const id: string = ordered.body.id;
    const commitmentDue: string = ordered.body.openSteps[0].dueOn;

    // Then the business is asked for its commitment, the officer for nothing yet (the opening is
    // answered as soon as the workflow has recorded it, a moment before the read model has it)
    await vi.waitFor(async () => expect(await stepsOf(business, id)).toHaveLength(1));
    expect(await tasksOf(business, { processId: id })).toEqual([
      {
        processType: 'rectification',
        processId: id,
        enterpriseId,
        enterpriseName: '企业1',
        step: 'commitment',
        dueOn: commitmentDue,
        dueAt: `${commitmentDue}T23:59:59+08:00`,
        overdue: false,
        assigneeRole: 'business',
        agency: 'TASKS-RECT',
        openedAt: expect.any(String),
      },
    ]);
    expect(await stepsOf(officer, id)).toEqual([]);

    // When the business commits, then the evidence is due by the deadline
    await rectification.step(business, id, 'commitment', { signatory: '张三', statement: '本企业承诺按期整改' });
    expect(await stepsOf(business, id)).toEqual([`evidence@${ordered.body.deadline.date}`]);

    // When it submits evidence, then the officer has to review it and the business has nothing left to do
    const submitted = await rectification.evidence(business, id, '已更换店招', [
      { name: '照片.pdf', type: 'application/pdf', bytes: pdf('evidence') },
    ]);
    expect(submitted.status).toBe(202);
    const reviewDue = (await rectification.get(officer, id)).body.openSteps[0].dueOn;
    expect(await stepsOf(business, id)).toEqual([]);
    expect(await stepsOf(officer, id)).toEqual([`review@${reviewDue}`]);

    // When the officer accepts it, then a follow-up visit is due 30 days later
    await rectification.step(officer, id, 'review', { decision: 'accepted', reasons: '整改到位' });
    const today = await serverToday(ctx);
    expect(await stepsOf(officer, id)).toEqual([`follow_up@${addDays(today, 30)}`]);

    // When the visit finds it compliant, then the case is closed and nobody has anything left on it
    const closed = await rectification.step(officer, id, 'follow-up', {
      visitedOn: today,
      outcome: 'compliant',
      note: '回访未发现复发',
    });
    expect(closed.body.status).toBe('closed');
    const auditor = await ctx.api.token({ sub: 'auditor-1', role: 'auditor' });
    expect(await stepsOf(auditor, id)).toEqual([]);
    expect(await stepsOf(officer, id)).toEqual([]);
    expect(await stepsOf(business, id)).toEqual([]);
  });

  it('observation period: consent is the business’s, the monthly check-in the officer’s, and a recorded measure takes it off the list', async () => {
    // Given an observation period just opened
    const { enterpriseId, officer, business } = await observationParties(ctx, 2, { agency: 'TASKS-OBS' });
    const opened = await observation.open(officer, {
      enterpriseId,
      matterCode: 'MS-005',
      legalBasis: '《优化营商环境条例》第五十五条',
      months: 6,
      reason: '平台经济新模式企业，首次发现轻微问题',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id: string = opened.body.id;

    // Then the business is asked to consent
    await vi.waitFor(async () =>
      expect(await stepsOf(business, id)).toEqual([`consent@${opened.body.consentDue.date}`]),
    );
    expect(await stepsOf(officer, id)).toEqual([]);

    // When it consents, then the first month's check-in is the officer's, the later ones not yet anyone's
    const consented = await observation.step(business, id, 'consent', { accept: true });
    const firstCheckIn: string = consented.body.checkIns[0].dueOn;
    expect(await stepsOf(business, id)).toEqual([]);
    expect(await stepsOf(officer, id)).toEqual([`check_in@${firstCheckIn}`]);

    // When the officer records a measure, then this month's check-in is done
    await observation.step(officer, id, 'measures', { type: 'administrative_guidance', note: '上门指导' });
    expect(await stepsOf(officer, id)).toEqual([]);

    // When the next month's window opens, then its check-in is on the list
    await sleepUntil(ctx, consented.body.checkIns[1].opensOn);
    await vi.waitFor(async () =>
      expect(await stepsOf(officer, id)).toEqual([`check_in@${consented.body.checkIns[1].dueOn}`]),
    );

    // When the officer ends the period early, then nothing is left
    await observation.step(officer, id, 'termination', { reason: 'other', note: '测试结束' });
    expect(await stepsOf(officer, id)).toEqual([]);
  });

  it('penalty record: a repair application puts acceptance and decision on credit staff’s list, and each decision takes its step off', async () => {
    // Given a record decided four months ago, repair-eligible now, and the business's application
    const { enterpriseId, officer, business, creditStaff } = await creditRepairParties(ctx, 3);
    const today = await serverToday(ctx);
    const entered = await penaltyRecord.enter(creditStaff, penaltyDecision(enterpriseId, addMonths(today, -4)));
    expect(entered.body.status).toBe('repair_eligible');
    const id: string = entered.body.id;
    // (the proactive repair service's visit, until the enterprise applies by itself)
    expect(await stepsOf(creditStaff, id)).toEqual([`repair_visit@${addWorkingDays(today, 10).date}`]);
    const applied = await penaltyRecord.apply(business, id, COMPLETE_MATERIALS);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);

    // Then credit staff are to accept it and to decide it, by the application's deadlines
    const { acceptBy, decideBy } = applied.body;
    expect(await stepsOf(creditStaff, id)).toEqual([
      `repair_acceptance@${acceptBy.date}`,
      `repair_decision@${decideBy.date}`,
    ]);
    expect(await stepsOf(officer, id)).toEqual([]);
    expect(await stepsOf(business, id)).toEqual([]);

    // When credit staff accept it, then only the decision is left; when they approve it, nothing
    await penaltyRecord.decide(creditStaff, id, applied.body.id, 'accepted');
    expect(await stepsOf(creditStaff, id)).toEqual([`repair_decision@${decideBy.date}`]);
    const approved = await penaltyRecord.decide(creditStaff, id, applied.body.id, 'approved');
    expect(approved.body.status).toBe('repaired');
    expect(await stepsOf(creditStaff, id)).toEqual([]);
  });
});

describe('the overdue flag', () => {
  it('flips when the due day ends: not overdue the day before nor late on the day, overdue the morning after', async () => {
    // Given an active observation period whose first check-in nobody records
    const { enterpriseId, officer, business } = await observationParties(ctx, 4, { agency: 'TASKS-OVERDUE' });
    const { body: opened } = await observation.open(officer, {
      enterpriseId,
      matterCode: 'MS-005',
      legalBasis: '《优化营商环境条例》第五十五条',
      months: 3,
      reason: '新业态企业，适用观察期',
    });
    const { body: consented } = await observation.step(business, opened.id, 'consent', { accept: true });
    const due: string = consented.checkIns[0].dueOn;
    const overdue = () => stepsOf(officer, opened.id, 'status=overdue');
    const notYet = () => stepsOf(officer, opened.id, 'status=due');

    // When the day before the due date comes
    await sleepUntil(ctx, addDays(due, -1), 12);
    // Then the check-in is due, not overdue
    expect(await overdue()).toEqual([]);
    expect(await notYet()).toEqual([`check_in@${due}`]);

    // Nor late on the due day itself
    await sleepUntil(ctx, due, 23);
    expect(await overdue()).toEqual([]);

    // When the day after comes, then it is overdue (and next month's check-in is due)
    await sleepUntil(ctx, addDays(due, 1), 1);
    await vi.waitFor(async () => expect(await overdue()).toEqual([`check_in@${due}`]));
    expect(await notYet()).toEqual([`check_in@${consented.checkIns[1].dueOn}`]);
    const [flagged] = await tasksOf(officer, { processId: opened.id, query: 'status=overdue' });
    expect(flagged).toMatchObject({ overdue: true, dueAt: `${due}T23:59:59+08:00` });
  });
});

describe('who sees which tasks', () => {
  it('shows officers only their agency’s steps, a business only its own, credit staff the repair steps; pages hold each task once', async () => {
    // Given evidence under review in two agencies, and a repair application
    const a = await rectificationParties(ctx, 11, 'TASKS-A');
    const b = await rectificationParties(ctx, 12, 'TASKS-B');
    const order = (enterpriseId: string) => ({
      enterpriseId,
      matterCode: 'MS-002',
      disposition: 'order_only',
      findings: '未按规定公示营业执照',
      requiredActions: ['公示营业执照'],
      deadline: { workingDays: 10 },
    });
    const { body: caseA } = await rectification.order(a.officer, order(a.enterpriseId));
    const { body: caseB } = await rectification.order(b.officer, order(b.enterpriseId));
    await rectification.evidence(a.business, caseA.id, '已公示', [
      { name: 'a.pdf', type: 'application/pdf', bytes: pdf('a') },
    ]);
    const repair = await creditRepairParties(ctx, 13);
    const today = await serverToday(ctx);
    const { body: record } = await penaltyRecord.enter(
      repair.creditStaff,
      penaltyDecision(repair.enterpriseId, addMonths(today, -5)),
    );
    await penaltyRecord.apply(repair.business, record.id);
    const ours = new Set([caseA.id, caseB.id, record.id]);
    const visible = async (token: string, query?: string) =>
      (await tasksOf(token, { query }))
        .filter((t) => ours.has(t.processId))
        .map((t) => `${t.processId === caseA.id ? 'A' : t.processId === caseB.id ? 'B' : 'repair'}:${t.step}`)
        .sort();

    // Then each kind of user sees its own share only
    const auditor = await ctx.api.token({ sub: 'auditor-2', role: 'auditor' });
    await vi.waitFor(async () => expect(await visible(auditor)).toHaveLength(4));
    expect(await visible(a.officer)).toEqual(['A:review']);
    expect(await visible(b.officer)).toEqual([]);
    expect(await visible(a.business)).toEqual([]);
    expect(await visible(b.business)).toEqual(['B:evidence']);
    expect(await visible(repair.business)).toEqual([]);
    expect(await visible(repair.creditStaff)).toEqual(['repair:repair_acceptance', 'repair:repair_decision']);
    expect(await visible(auditor)).toEqual([
      'A:review',
      'B:evidence',
      'repair:repair_acceptance',
      'repair:repair_decision',
    ]);
    expect(await visible(auditor, 'agency=TASKS-B')).toEqual(['B:evidence']);

    // And walking the auditor's whole list one task a page meets every open task exactly once
    const onePerPage = await tasksOf(auditor, { limit: 1 });
    const inOnePage = await tasksOf(auditor);
    expect(onePerPage.map((t) => `${t.processId}/${t.step}`)).toEqual(inOnePage.map((t) => `${t.processId}/${t.step}`));
    // (a case may hold two tasks of one step and day, e.g. one overdue sync per credit platform)
    expect(onePerPage.length).toBe(inOnePage.length);
  });
});
