import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog, creditFileEntries, notificationOutbox, tasks } from '../../db/schema';
import {
  addDays,
  addMonths,
  addWorkingDays,
  checkInWindows,
  DEFAULT_POLICY,
  observationTimeline,
  TERMINATION_REASONS,
  type CalendarDate,
} from '../../domain';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';
import { observationParties, observationPeriods, sleepUntil } from '../support/observation';
import { serverToday } from '../support/rectifications';

// Its own test server: this file skips the clock some nine months ahead.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = observationPeriods(ctx);
const opening = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  matterCode: 'MS-005',
  legalBasis: '《优化营商环境条例》第五十五条；本市包容审慎监管实施办法',
  months: 6,
  reason: '平台经济新模式企业，首次发现轻微问题，适用观察期',
  ...extra,
});

const creditFile = (processId: string) =>
  ctx.database.db.select().from(creditFileEntries).where(eq(creditFileEntries.processId, processId));
const auditActions = async (entityId: string) =>
  (
    await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, entityId))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
  ).map((a) => [a.action, a.actor]);
const notifications = (processId: string, kind: string) =>
  ctx.database.db
    .select()
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.processId, processId), eq(notificationOutbox.kind, kind)));
const tasksOf = (processId: string, step: string) =>
  ctx.database.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.processId, processId), eq(tasks.step, step)))
    .orderBy(asc(tasks.dueOn));

/** Months added by hand: the same day of the month, or the month's last day when it is shorter. */
function monthsLater(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

describe('observation period, end to end over simulated months', () => {
  it('runs consent → monthly check-ins (one left overdue) → a 2-month extension → awaiting_conclusion → passed, recording every step', async () => {
    // Given a 6-month period opened today
    const { enterpriseId, officer, business } = await observationParties(ctx, 1);
    const today = await serverToday(ctx);
    const opened = await api.open(officer, opening(enterpriseId));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id: string = opened.body.id;
    const start: CalendarDate = opened.body.startDate;
    expect(start).toBe(today);
    expect(opened.body).toMatchObject({
      status: 'pending_consent',
      months: 6,
      notifiedOn: start,
      endDate: addMonths(start, 6),
      consentDue: addWorkingDays(start, 10),
      conclusionDue: addWorkingDays(addMonths(start, 6), 10),
      openSteps: [{ step: 'consent', assignee: 'business', dueOn: addWorkingDays(start, 10).date, overdue: false }],
      nextDueOn: addWorkingDays(start, 10).date,
    });
    expect((await api.get(business, id)).body.status).toBe('pending_consent');

    // When the business accepts
    const consented = await api.step(business, id, 'consent', { accept: true });

    // Then six check-ins are planned a calendar month apart, the first one a task at once
    const windows = checkInWindows(observationTimeline({ startDate: start, months: 6 }, DEFAULT_POLICY));
    expect(consented.body.status).toBe('active');
    expect(consented.body.checkIns).toEqual(
      windows.map((w) => ({
        number: w.number,
        opensOn: w.opensOn,
        dueOn: w.due.date,
        provisional: false,
        status: w.number === 1 ? 'open' : 'planned',
      })),
    );
    expect(consented.body.checkIns.map((c: { dueOn: string }) => c.dueOn)).toEqual(
      [1, 2, 3, 4, 5, 6].map((k) => monthsLater(start, k)),
    );
    expect(consented.body.checkIns[1].opensOn).toBe(addDays(consented.body.checkIns[0].dueOn, 1));
    expect((await tasksOf(id, 'check_in')).map((t) => [t.dueOn, t.assigneeRole, t.overdue])).toEqual([
      [windows[0]!.due.date, 'officer', false],
    ]);

    // When the officer records a measure in months 1, 2, 4 and 5, and none in month 3
    const measure = (note: string, extra: Record<string, unknown> = {}) =>
      api.step(officer, id, 'measures', { type: 'administrative_guidance', note, ...extra });
    const inWindow = (n: number) => addDays(windows[n - 1]!.opensOn, 10);
    await sleepUntil(ctx, inWindow(1));
    const first = await measure('上门指导，讲解合规要求');
    await sleepUntil(ctx, inWindow(2));
    const second = await measure('约谈负责人，督促完善平台规则', { type: 'administrative_interview' });
    await sleepUntil(ctx, inWindow(4));
    const beforeFourth = await api.get(officer, id);
    const overdueTask = (await tasksOf(id, 'check_in')).find((t) => t.dueOn === windows[2]!.due.date);
    const overdueNotices = await notifications(id, 'check_in_overdue');
    const fourth = await measure('发送行政提示函');
    await sleepUntil(ctx, inWindow(5));
    const fifth = await measure('教育提醒', { type: 'education_reminder' });

    // Then each measure completes its own month's check-in; month 3 is overdue, flagged and notified
    expect(first.body.measures[0]).toMatchObject({
      number: 1,
      type: 'administrative_guidance',
      date: inWindow(1),
      checkIn: 1,
    });
    expect(second.body.measures[1]).toMatchObject({ checkIn: 2 });
    expect(beforeFourth.body.checkIns[2]).toMatchObject({ number: 3, status: 'overdue' });
    expect(beforeFourth.body.openSteps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: 'check_in', dueOn: windows[2]!.due.date, overdue: true }),
      ]),
    );
    expect(overdueTask).toMatchObject({ assigneeRole: 'officer', overdue: true, closedAt: null });
    expect(overdueNotices).toMatchObject([
      { recipientRole: 'officer', payload: { checkIn: 3, dueOn: windows[2]!.due.date } },
    ]);
    expect(fourth.body.measures[2]).toMatchObject({ checkIn: 4 });
    expect(fifth.body.checkIns.map((c: { status: string }) => c.status)).toEqual([
      'done',
      'done',
      'overdue',
      'done',
      'done',
      'planned',
    ]);

    // When the officer extends the period by two months
    const extended = await api.step(officer, id, 'extension', { months: 2, reason: '整改效果需进一步观察' });

    // Then the end date moves two months and the plan grows to eight check-ins
    const end = addMonths(start, 8);
    const extendedWindows = checkInWindows(observationTimeline({ startDate: start, months: 8 }, DEFAULT_POLICY));
    expect(extended.body).toMatchObject({
      status: 'active',
      months: 8,
      endDate: end,
      conclusionDue: addWorkingDays(end, 10),
      extensions: [
        { months: 2, previousEndDate: addMonths(start, 6), endDate: end, totalMonths: 8, grantedBy: 'officer-1' },
      ],
    });
    expect(extended.body.checkIns.map((c: { dueOn: string }) => c.dueOn)).toEqual(
      extendedWindows.map((w) => w.due.date),
    );
    expect(extended.body.checkIns.slice(5).map((c: { status: string }) => c.status)).toEqual([
      'planned',
      'planned',
      'planned',
    ]);
    expect(extendedWindows[7]!.due.date).toBe(monthsLater(start, 8));

    // When the remaining months are checked in and the end date comes
    for (const n of [6, 7, 8]) {
      await sleepUntil(ctx, addDays(extendedWindows[n - 1]!.opensOn, 10));
      expect((await measure(`第${n}个月回访`)).body.measures.at(-1)).toMatchObject({ checkIn: n });
    }
    await sleepUntil(ctx, end);
    const ended = await api.get(officer, id);

    // Then it awaits the officer's conclusion, with the missed check-in still on the list
    expect(ended.body.status).toBe('awaiting_conclusion');
    expect(ended.body.openSteps).toEqual([
      expect.objectContaining({ step: 'check_in', dueOn: windows[2]!.due.date, overdue: true }),
      expect.objectContaining({
        step: 'conclusion',
        assignee: 'officer',
        dueOn: addWorkingDays(end, 10).date,
        overdue: false,
      }),
    ]);
    expect(ended.body.nextDueOn).toBe(windows[2]!.due.date);
    expect(await notifications(id, 'conclusion_due')).toMatchObject([
      { recipientRole: 'officer', payload: { dueOn: addWorkingDays(end, 10).date } },
    ]);

    // When the officer concludes it passed
    const passed = await api.step(officer, id, 'conclusion', {
      outcome: 'passed',
      reason: '观察期内未发现新的违法行为',
    });

    // Then it is passed, the credit file says so, and the audit log and task list show every step
    expect(passed.body).toMatchObject({
      status: 'passed',
      outcome: { result: 'passed', decidedOn: end, decidedBy: 'officer-1', reason: '观察期内未发现新的违法行为' },
    });
    expect(passed.body.checkIns[2]).toMatchObject({ status: 'missed' });
    expect(passed.body.openSteps).toEqual([]);
    expect(await creditFile(id)).toMatchObject([
      {
        enterpriseId,
        processType: 'observation_period',
        kind: 'observation_passed',
        occurredOn: end,
        details: {
          matterCode: 'MS-005',
          startDate: start,
          endDate: end,
          months: 8,
          measures: 7,
          checkIns: { done: 7, missed: 1, cancelled: 0 },
        },
      },
    ]);
    const checkInTasks = await tasksOf(id, 'check_in');
    expect(checkInTasks.map((t) => t.dueOn)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => addMonths(start, k)));
    expect(checkInTasks.map((t) => t.overdue)).toEqual([false, false, true, false, false, false, false, false]);
    expect(checkInTasks.every((t) => t.closedAt !== null)).toBe(true);
    expect(await tasksOf(id, 'conclusion')).toMatchObject([
      { dueOn: addWorkingDays(end, 10).date, overdue: false, closedAt: expect.any(Date) },
    ]);
    const opensCheckIn = ['observation.check_in_opened', 'system'];
    const measured = ['observation.measure_recorded', 'officer-1'];
    expect(await auditActions(id)).toEqual([
      ['observation.opened', 'officer-1'],
      ['observation.consented', 'biz-1'],
      measured,
      opensCheckIn,
      measured,
      opensCheckIn,
      ['observation.check_in_overdue', 'system'],
      opensCheckIn,
      measured,
      opensCheckIn,
      measured,
      ['observation.extended', 'officer-1'],
      opensCheckIn,
      measured,
      opensCheckIn,
      measured,
      opensCheckIn,
      measured,
      ['observation.period_ended', 'system'],
      ['observation.passed', 'officer-1'],
    ]);
  });

  it('plans check-ins by calendar months from a future start, each a task only once its window opens', async () => {
    // Given a 3-month period starting on 2031-01-31 (a 31st: later months end early)
    const { enterpriseId, officer, business } = await observationParties(ctx, 2);
    const { body: opened } = await api.open(officer, opening(enterpriseId, { months: 3, startDate: '2031-01-31' }));

    // When the business accepts
    const consented = await api.step(business, opened.id, 'consent', { accept: true });

    // Then the dates are as counted by hand; the conclusion deadline in 2031 is provisional
    expect(consented.body).toMatchObject({
      status: 'active',
      startDate: '2031-01-31',
      endDate: '2031-04-30',
      conclusionDue: { date: '2031-05-14', provisional: true },
    });
    expect(consented.body.checkIns).toEqual([
      { number: 1, opensOn: '2031-01-31', dueOn: '2031-02-28', provisional: false, status: 'planned' },
      { number: 2, opensOn: '2031-03-01', dueOn: '2031-03-31', provisional: false, status: 'planned' },
      { number: 3, opensOn: '2031-04-01', dueOn: '2031-04-30', provisional: false, status: 'planned' },
    ]);
    expect(consented.body.openSteps).toEqual([]);
    expect(await tasksOf(opened.id, 'check_in')).toEqual([]);
    expect(
      (await api.step(officer, opened.id, 'measures', { type: 'warning', note: '提前约谈' })).body.error.code,
    ).toBe('DATE_OUTSIDE_PERIOD');

    // When the officer ends it because its basis lapsed
    const ended = await api.step(officer, opened.id, 'termination', {
      reason: 'basis_lapsed',
      note: '相关政策依据废止',
    });
    expect(ended.body.checkIns.map((c: { status: string }) => c.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
  });
});

describe('observation period extensions', () => {
  it('reopens an ended period that is extended instead of concluded', async () => {
    // Given a 1-month period that has ended and awaits the conclusion
    const { enterpriseId, officer, business } = await observationParties(ctx, 3);
    const { body: opened } = await api.open(officer, opening(enterpriseId, { months: 1 }));
    await api.step(business, opened.id, 'consent', { accept: true });
    await sleepUntil(ctx, opened.endDate);
    const ended = await api.get(officer, opened.id);

    // When the officer extends it by a month
    const extended = await api.step(officer, opened.id, 'extension', { months: 1, reason: '需继续观察' });

    // Then it is active again until a month later: the conclusion task is withdrawn, the closing
    // check-in (due today) stays open and a second one is planned from tomorrow
    const end = addMonths(opened.startDate, 2);
    expect(ended.body.status).toBe('awaiting_conclusion');
    expect(extended.body).toMatchObject({ status: 'active', endDate: end, conclusionDue: addWorkingDays(end, 10) });
    expect(extended.body.checkIns.map((c: { status: string; dueOn: string }) => [c.status, c.dueOn])).toEqual([
      ['open', opened.endDate],
      ['planned', end],
    ]);
    expect(extended.body.checkIns[1].opensOn).toBe(addDays(opened.endDate, 1));
    expect(extended.body.openSteps.map((s: { step: string }) => s.step)).toEqual(['check_in']);
    expect(await tasksOf(opened.id, 'conclusion')).toMatchObject([{ closedAt: expect.any(Date) }]);
    const early = await api.step(officer, opened.id, 'conclusion', { outcome: 'passed', reason: '过早' });
    expect(early.status).toBe(409);
    await api.step(officer, opened.id, 'termination', { reason: 'other', note: '测试结束' });
  });
});

describe('observation period outcomes', () => {
  it('ends as declined when the business declines, with a credit-file entry', async () => {
    const { enterpriseId, officer, business } = await observationParties(ctx, 10);
    const { body: opened } = await api.open(officer, opening(enterpriseId));

    const declined = await api.step(business, opened.id, 'consent', { accept: false });

    expect(declined.body).toMatchObject({
      status: 'declined',
      consent: { accepted: false, decidedBy: 'biz-10' },
      outcome: { result: 'declined', decidedBy: 'biz-10' },
    });
    expect(await creditFile(opened.id)).toMatchObject([
      { enterpriseId, kind: 'observation_declined', details: { matterCode: 'MS-005' } },
    ]);
    expect(await notifications(opened.id, 'observation_declined')).toMatchObject([{ recipientRole: 'officer' }]);
    expect(await tasksOf(opened.id, 'consent')).toMatchObject([
      { assigneeRole: 'business', closedAt: expect.any(Date) },
    ]);
  });

  it('ends as declined when the consent window passes in silence, and not a day earlier', async () => {
    const { enterpriseId, officer, business } = await observationParties(ctx, 11);
    const { body: opened } = await api.open(officer, opening(enterpriseId));
    const consentDue: CalendarDate = opened.consentDue.date;
    expect(consentDue).toBe(addWorkingDays(opened.startDate, 10).date);

    await sleepUntil(ctx, consentDue, 20);
    const lastDay = await api.get(officer, opened.id);
    await sleepUntil(ctx, addDays(consentDue, 1));
    const lapsed = await api.get(officer, opened.id);
    const lateAnswer = await api.step(business, opened.id, 'consent', { accept: true });

    expect(lastDay.body.status).toBe('pending_consent');
    expect(lapsed.body).toMatchObject({
      status: 'declined',
      outcome: { result: 'declined', decidedBy: 'system', decidedOn: addDays(consentDue, 1) },
    });
    expect(lateAnswer.status).toBe(409);
    expect(lateAnswer.body.error.code).toBe('INVALID_STATE');
    expect(await creditFile(opened.id)).toMatchObject([
      { kind: 'observation_declined', occurredOn: addDays(consentDue, 1) },
    ]);
    expect((await auditActions(opened.id)).at(-1)).toEqual(['observation.consent_lapsed', 'system']);
  });

  it('lets the business withdraw mid-period, and nothing else', async () => {
    const { enterpriseId, officer, business } = await observationParties(ctx, 12);
    const { body: opened } = await api.open(officer, opening(enterpriseId));
    await api.step(business, opened.id, 'consent', { accept: true });
    await ctx.env.sleep('20 days');

    const otherReason = await api.step(business, opened.id, 'termination', {
      reason: 'public_interest',
      note: '不想继续',
    });
    const withdrawn = await api.step(business, opened.id, 'termination', {
      reason: 'withdrawn',
      note: '企业申请退出观察期，按一般程序处理',
    });

    expect(otherReason.status).toBe(403);
    expect(withdrawn.body).toMatchObject({
      status: 'terminated',
      outcome: { result: 'terminated', terminationReason: 'withdrawn', decidedBy: 'biz-12' },
    });
    expect(withdrawn.body.checkIns.map((c: { status: string }) => c.status)).toEqual(Array(6).fill('cancelled'));
    expect(await creditFile(opened.id)).toMatchObject([
      { kind: 'observation_terminated', details: { terminationReason: 'withdrawn' } },
    ]);
    expect(await tasksOf(opened.id, 'check_in')).toMatchObject([{ closedAt: expect.any(Date) }]);
  });

  it.each(TERMINATION_REASONS.map((reason, i) => [reason, 20 + i] as const))(
    'lets an officer end a period early for %s',
    async (reason, serial) => {
      const { enterpriseId, officer, business } = await observationParties(ctx, serial);
      const { body: opened } = await api.open(officer, opening(enterpriseId));
      await api.step(business, opened.id, 'consent', { accept: true });

      const ended = await api.step(officer, opened.id, 'termination', { reason, note: `提前终止：${reason}` });

      expect(ended.body).toMatchObject({
        status: 'terminated',
        outcome: { result: 'terminated', terminationReason: reason, reason: `提前终止：${reason}` },
      });
      expect(await creditFile(opened.id)).toMatchObject([
        { enterpriseId, kind: 'observation_terminated', details: { terminationReason: reason } },
      ]);
      expect((await auditActions(opened.id)).at(-1)).toEqual(['observation.terminated', `officer-${serial}`]);
    },
  );

  it('escalates with a rectification order linked both ways', async () => {
    // Given a 1-month period that has ended
    const { enterpriseId, officer, business } = await observationParties(ctx, 30);
    const { body: opened } = await api.open(officer, opening(enterpriseId, { matterCode: 'MS-002', months: 1 }));
    await api.step(business, opened.id, 'consent', { accept: true });
    await sleepUntil(ctx, opened.endDate);
    const rectification = {
      disposition: 'order_only',
      findings: '观察期内仍使用绝对化用语',
      requiredActions: ['删除广告中的“最佳”字样'],
      deadline: { workingDays: 10 },
    };

    // When the officer escalates it, ordering a rectification
    const passedWithOrder = await api.step(officer, opened.id, 'conclusion', {
      outcome: 'passed',
      reason: '合格',
      rectification,
    });
    const escalated = await api.step(officer, opened.id, 'conclusion', {
      outcome: 'escalated',
      reason: '观察期内问题反复出现',
      rectification,
    });
    const rectificationId: string = escalated.body.rectificationId;
    try {
      const order = await ctx.api.call('GET', `/api/v1/rectifications/${rectificationId}`, { token: business });

      // Then the period is escalated, and the rectification runs for the same enterprise and matter
      expect(passedWithOrder.status).toBe(400);
      expect(escalated.body).toMatchObject({ status: 'escalated', outcome: { result: 'escalated', rectificationId } });
      expect(order.status).toBe(200);
      expect(order.body).toMatchObject({
        enterpriseId,
        matterCode: 'MS-002',
        status: 'awaiting_evidence',
        observationPeriodId: opened.id,
        disposition: 'order_only',
      });
      expect(await creditFile(opened.id)).toMatchObject([
        { kind: 'observation_escalated', details: { rectificationId } },
      ]);
    } finally {
      // Started by the workflow, not the API: end it here so it does not outlive this file's worker.
      await ctx.env.client.workflow
        .getHandle(`rectification:${rectificationId}`)
        .terminate('test finished')
        .catch(() => undefined);
    }
  });
});

describe('observation period rules', () => {
  it('refuses an excluded matter, an unknown enterprise or matter, and an enterprise that is not a new business model', async () => {
    const { enterpriseId, officer } = await observationParties(ctx, 40);
    const other = await observationParties(ctx, 41, { newBusinessModel: false });

    const excluded = await api.open(officer, opening(enterpriseId, { matterCode: 'FD-001' }));
    const unknownMatter = await api.open(officer, opening(enterpriseId, { matterCode: 'XX-999' }));
    const unknownEnterprise = await api.open(officer, opening(makeUscc(999)));
    const notNew = await api.open(officer, opening(other.enterpriseId));
    const tooLong = await api.open(officer, opening(enterpriseId, { months: 25 }));
    const pastStart = await api.open(officer, opening(enterpriseId, { startDate: '2020-01-01' }));

    expect([excluded.status, excluded.body.error.code]).toEqual([422, 'EXCLUDED_DOMAIN']);
    expect(excluded.body.error.details).toEqual([
      { matterCode: 'FD-001', area: 'food_drugs', reason: 'excluded_area' },
    ]);
    expect([unknownMatter.status, unknownMatter.body.error.code]).toEqual([422, 'UNKNOWN_MATTER']);
    expect([unknownEnterprise.status, unknownEnterprise.body.error.code]).toEqual([422, 'UNKNOWN_ENTERPRISE']);
    expect([notNew.status, notNew.body.error.code]).toEqual([422, 'NOT_NEW_BUSINESS_MODEL']);
    expect([tooLong.status, tooLong.body.error.code]).toEqual([422, 'DURATION_OUT_OF_RANGE']);
    expect([pastStart.status, pastStart.body.error.code]).toEqual([422, 'DATE_IN_PAST']);
  });

  it('answers 20 concurrent openings for one enterprise and matter with one 201 and nineteen 409 ALREADY_ACTIVE, and opens anew once it has closed', async () => {
    const { enterpriseId, officer } = await observationParties(ctx, 42);

    const results = await Promise.all(Array.from({ length: 20 }, () => api.open(officer, opening(enterpriseId))));

    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
      Array(19).fill('ALREADY_ACTIVE'),
    );
    const first: string = created[0]!.body.id;
    await api.step(officer, first, 'termination', { reason: 'other', note: '立案错误' });
    const next = await api.open(officer, opening(enterpriseId));
    expect(next.status).toBe(201);
    expect(next.body.id).not.toBe(first);
    expect((await api.get(officer, first)).body).toMatchObject({ id: first, status: 'terminated' });
    expect((await api.get(officer, next.body.id)).body).toMatchObject({ id: next.body.id, status: 'pending_consent' });
    await api.step(officer, next.body.id, 'termination', { reason: 'other', note: '测试结束' });
  });

  it('keeps measures to officers, and each period to its enterprise and agency', async () => {
    const { enterpriseId, officer, business } = await observationParties(ctx, 43);
    const stranger = await observationParties(ctx, 44);
    const otherAgency = await ctx.api.token({ sub: 'officer-elsewhere', role: 'officer', agency: 'SAMR-NB' });
    const auditor = await ctx.api.token({ sub: 'auditor-1', role: 'auditor' });
    const { body: opened } = await api.open(officer, opening(enterpriseId));
    await api.step(business, opened.id, 'consent', { accept: true });

    const businessMeasure = await api.step(business, opened.id, 'measures', { type: 'warning', note: '自我警示' });
    const strangerRead = await api.get(stranger.business, opened.id);
    const otherAgencyRead = await api.get(otherAgency, opened.id);
    const otherAgencyMeasure = await api.step(otherAgency, opened.id, 'measures', { type: 'warning', note: '越权' });
    const auditorRead = await api.get(auditor, opened.id);
    const unknown = await api.get(officer, '00000000-0000-4000-8000-000000000000');

    expect(businessMeasure.status).toBe(403);
    expect([strangerRead.status, otherAgencyRead.status, otherAgencyMeasure.status, unknown.status]).toEqual([
      404, 404, 404, 404,
    ]);
    expect(auditorRead.status).toBe(200);
    await api.step(officer, opened.id, 'termination', { reason: 'other', note: '测试结束' });
  });

  it('refuses steps that do not fit the period, and records incidents without counting them as check-ins', async () => {
    const { enterpriseId, officer, business } = await observationParties(ctx, 45);
    const { body: opened } = await api.open(officer, opening(enterpriseId));
    const beforeConsent = await api.step(officer, opened.id, 'measures', { type: 'warning', note: '过早' });
    const withdrawBeforeConsent = await api.step(business, opened.id, 'termination', {
      reason: 'withdrawn',
      note: '退出',
    });
    await api.step(business, opened.id, 'consent', { accept: true });

    const earlyConclusion = await api.step(officer, opened.id, 'conclusion', { outcome: 'passed', reason: '过早' });
    const tooLong = await api.step(officer, opened.id, 'extension', { months: 19, reason: '超过上限' });
    const futureMeasure = await api.step(officer, opened.id, 'measures', {
      type: 'warning',
      note: '未来',
      date: addDays(opened.startDate, 3),
    });
    const incident = await api.step(officer, opened.id, 'incidents', {
      description: '用户投诉配送超时',
      harm: 'serious',
    });

    expect([beforeConsent.status, beforeConsent.body.error.code]).toEqual([409, 'INVALID_STATE']);
    expect([withdrawBeforeConsent.status, withdrawBeforeConsent.body.error.code]).toEqual([409, 'INVALID_STATE']);
    expect([earlyConclusion.status, earlyConclusion.body.error.code]).toEqual([409, 'INVALID_STATE']);
    expect([tooLong.status, tooLong.body.error.code]).toEqual([422, 'DURATION_OUT_OF_RANGE']);
    expect([futureMeasure.status, futureMeasure.body.error.code]).toEqual([422, 'DATE_IN_FUTURE']);
    expect(incident.body.incidents).toMatchObject([
      { number: 1, description: '用户投诉配送超时', harm: 'serious', recordedBy: 'officer-45' },
    ]);
    expect(incident.body.checkIns[0].status).toBe('open');
    await vi.waitFor(async () => expect(await notifications(opened.id, 'serious_incident')).toHaveLength(1));
    await api.step(officer, opened.id, 'termination', { reason: 'public_interest', note: '严重损害他人权益' });
  });
});
