import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { creditFileEntries, repairSyncLedger, tasks } from '../../db/schema';
import { addDays, addMonths, isBefore, todayInShanghai } from '../../domain';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';
import {
  COMPLETE_MATERIALS,
  creditRepairParties,
  outbox,
  penaltyDecision,
  penaltyRecords,
  sleepUntil,
} from '../support/penaltyRecords';
import { pdf, rectifications, serverToday } from '../support/rectifications';

// A time-skipping server of this file's own: its clock starts at the real now (2026-11 when this
// was written) whatever other files skipped, so that dates can be pinned, and the years skipped at
// the end leave other files' clocks alone.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = penaltyRecords(ctx);

/** Where a record published from `from` stands on `today`, by the rule of the domain spec. */
const statusOn = (today: string, minUntil: string, maxUntil: string) =>
  isBefore(today, minUntil) ? 'published' : isBefore(today, maxUntil) ? 'repair_eligible' : 'expired';

describe('entering a penalty record', () => {
  // Dates computed by hand: general 3 to 12 months, serious 12 to 36 months from the decision date,
  // under Order 58 up to 2026-03-31 and Order 36 from 2026-04-01; simple procedure is not published.
  it.each([
    [
      'general, last day of Order 58',
      1,
      { severity: 'general', decidedOn: '2026-03-31' },
      'ndrc-order-58',
      '2026-06-30',
      '2027-03-31',
    ],
    [
      'general, first day of Order 36',
      2,
      { severity: 'general', decidedOn: '2026-04-01' },
      'ndrc-order-36',
      '2026-07-01',
      '2027-04-01',
    ],
    [
      'serious under Order 58',
      3,
      { severity: 'serious', decidedOn: '2026-03-15' },
      'ndrc-order-58',
      '2027-03-15',
      '2029-03-15',
    ],
    [
      'serious under Order 36',
      4,
      { severity: 'serious', decidedOn: '2026-04-30' },
      'ndrc-order-36',
      '2027-04-30',
      '2029-04-30',
    ],
    [
      'general from the 31st, under Order 58',
      5,
      { severity: 'general', decidedOn: '2025-08-31' },
      'ndrc-order-58',
      '2025-11-30',
      '2026-08-31',
    ],
    [
      'minor (simple procedure) under Order 58',
      6,
      { procedure: 'simple', decidedOn: '2026-03-31' },
      'ndrc-order-58',
      null,
      null,
    ],
    [
      'minor (simple procedure) under Order 36',
      7,
      { procedure: 'simple', decidedOn: '2026-04-01' },
      'ndrc-order-36',
      null,
      null,
    ],
  ] as const)(
    'returns the publication dates of the rule set in force: %s',
    async (_case, serial, decision, ruleSet, minUntil, maxUntil) => {
      const { enterpriseId, creditStaff } = await creditRepairParties(ctx, serial);

      const res = await api.enter(creditStaff, penaltyDecision(enterpriseId, decision.decidedOn, decision));

      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const today = await serverToday(ctx);
      const published = minUntil !== null;
      expect(res.body).toMatchObject({
        ruleSet,
        publication: {
          published: published && maxUntil !== null && isBefore(today, maxUntil),
          from: published ? decision.decidedOn : null,
          minUntil,
          maxUntil,
        },
        repairEligibleFrom: minUntil,
        status: published ? statusOn(today, minUntil, maxUntil!) : 'not_published',
      });
    },
  );

  it('starts a record decided 13 months ago as expired, and one decided 4 months ago as repair-eligible that takes an application at once', async () => {
    const { enterpriseId, business, creditStaff } = await creditRepairParties(ctx, 10);
    const today = await serverToday(ctx);
    const oldDecision = addMonths(today, -13);
    const recentDecision = addMonths(today, -4);

    const old = await api.enter(creditStaff, penaltyDecision(enterpriseId, oldDecision));
    const recent = await api.enter(creditStaff, penaltyDecision(enterpriseId, recentDecision));
    const applied = await api.apply(business, recent.body.id);

    expect(old.body).toMatchObject({
      status: 'expired',
      publication: { published: false, maxUntil: addMonths(oldDecision, 12) },
      expiredOn: addMonths(oldDecision, 12),
      upcoming: [],
    });
    expect(recent.body).toMatchObject({
      status: 'repair_eligible',
      repairEligibleFrom: addMonths(recentDecision, 3),
      eligibilityNoticeOn: today,
      upcoming: [{ milestone: 'publication_expiry', on: addMonths(recentDecision, 12) }],
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({
      status: 'pending',
      appliedOn: today,
      penaltyRecordId: recent.body.id,
      recordStatus: 'application_pending',
    });
    await vi.waitFor(async () => {
      expect(await outbox(ctx, recent.body.id, 'repair_eligible')).toMatchObject([
        { recipientRole: 'business', payload: { noticeOn: today } },
      ]);
      expect(await outbox(ctx, old.body.id, 'repair_eligible')).toEqual([]);
      const oldFile = await ctx.database.db
        .select()
        .from(creditFileEntries)
        .where(eq(creditFileEntries.processId, old.body.id))
        .orderBy(creditFileEntries.key);
      expect(oldFile.map((e) => [e.kind, e.occurredOn])).toEqual([
        ['penalty_record', oldDecision],
        ['penalty_publication_expired', addMonths(oldDecision, 12)],
      ]);
    });
  });

  it('refuses the same decision number twice for one enterprise, even entered concurrently, but not for another', async () => {
    const first = await creditRepairParties(ctx, 11);
    const second = await creditRepairParties(ctx, 12);
    const decision = penaltyDecision(first.enterpriseId, '2026-06-01');

    const concurrent = await Promise.all(Array.from({ length: 8 }, () => api.enter(first.creditStaff, decision)));
    const again = await api.enter(first.officer, { ...decision, severity: 'serious' });
    const elsewhere = await api.enter(second.creditStaff, { ...decision, enterpriseId: second.enterpriseId });

    expect(concurrent.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(concurrent.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
      Array(7).fill('DUPLICATE_DECISION'),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_DECISION');
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.id).not.toBe(concurrent.find((r) => r.status === 201)!.body.id);
  });

  it('refuses a decision dated in the future and an unregistered enterprise (422)', async () => {
    const { enterpriseId, creditStaff } = await creditRepairParties(ctx, 13);
    const tomorrow = addDays(todayInShanghai(new Date()), 1);

    const future = await api.enter(creditStaff, penaltyDecision(enterpriseId, tomorrow));
    const unknown = await api.enter(creditStaff, penaltyDecision(makeUscc(9_999), '2026-06-01'));

    expect([future.status, future.body.error.code]).toEqual([422, 'DATE_IN_FUTURE']);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('UNKNOWN_ENTERPRISE');
  });
});

describe('repair applications', () => {
  it('refuses an application before the minimum period, naming the day it becomes possible', async () => {
    const { enterpriseId, business, creditStaff } = await creditRepairParties(ctx, 20);
    const decidedOn = addMonths(await serverToday(ctx), -1);
    const { body: entered } = await api.enter(creditStaff, penaltyDecision(enterpriseId, decidedOn));

    const res = await api.apply(business, entered.id);

    expect(entered.status).toBe('published');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'NOT_YET_ELIGIBLE',
      details: [{ repairEligibleFrom: addMonths(decidedOn, 3) }],
    });
  });

  it('refuses an application without the commitment letter, listing what is missing', async () => {
    const { enterpriseId, business, creditStaff } = await creditRepairParties(ctx, 21);
    const { body: entered } = await api.enter(
      creditStaff,
      penaltyDecision(enterpriseId, addMonths(await serverToday(ctx), -4)),
    );
    const { commitmentLetter: _left, ...withoutLetter } = COMPLETE_MATERIALS;

    const missingLetter = await api.apply(business, entered.id, withoutLetter);
    const missingTwo = await api.apply(business, entered.id, { ...withoutLetter, fulfilmentProof: '  ' });

    expect(missingLetter.status).toBe(422);
    expect(missingLetter.body.error).toMatchObject({
      code: 'MATERIALS_INCOMPLETE',
      details: [{ missing: 'commitmentLetter' }],
    });
    expect(missingTwo.body.error.details).toEqual([{ missing: 'commitmentLetter' }, { missing: 'fulfilmentProof' }]);
  });

  it('lets only the business apply and only credit staff decide, and hides the record from other enterprises', async () => {
    const { enterpriseId, business, creditStaff } = await creditRepairParties(ctx, 22);
    const other = await creditRepairParties(ctx, 23);
    const { body: entered } = await api.enter(
      creditStaff,
      penaltyDecision(enterpriseId, addMonths(await serverToday(ctx), -4)),
    );

    const byStaff = await api.apply(creditStaff, entered.id);
    const byOther = await api.apply(other.business, entered.id);
    const readByOther = await api.get(other.business, entered.id);
    const { body: application } = await api.apply(business, entered.id);
    const decidedByBusiness = await api.decide(business, entered.id, application.id, 'approved');
    const unknownApplication = await api.decide(creditStaff, entered.id, randomUUID(), 'accepted');

    expect(byStaff.status).toBe(403);
    expect(byOther.status).toBe(404);
    expect(readByOther.status).toBe(404);
    expect(application.status).toBe('pending');
    expect(decidedByBusiness.status).toBe(403);
    expect(unknownApplication.status).toBe(404);
  });
});

describe('rectification proves correction', () => {
  it('shows a compliant rectification of the same matter on the published record, which an application can then cite', async () => {
    const { enterpriseId, officer, business, creditStaff } = await creditRepairParties(ctx, 40);
    const rectify = rectifications(ctx);
    const { body: record } = await api.enter(
      creditStaff,
      penaltyDecision(enterpriseId, addMonths(await serverToday(ctx), -4), { matterCode: 'MS-002' }),
    );
    const firstViolation = await rectify.order(officer, {
      enterpriseId,
      matterCode: 'MS-002',
      disposition: 'first_violation_no_penalty',
      findings: '再次使用绝对化用语',
      requiredActions: ['撤下广告'],
    });
    const { body: ordered } = await rectify.order(officer, {
      enterpriseId,
      matterCode: 'MS-002',
      disposition: 'order_only',
      findings: '店招使用“全市最佳”字样',
      requiredActions: ['撤下含绝对化用语的广告'],
      followUpAfterDays: 1,
    });
    const { body: submitted } = await rectify.evidence(business, ordered.id, '已更换店招', [
      { name: '照片.pdf', type: 'application/pdf', bytes: pdf('corrected') },
    ]);
    await rectify.step(officer, ordered.id, 'review', { decision: 'accepted', reasons: '整改到位' });
    const uncited = await api.apply(business, record.id, {
      ...COMPLETE_MATERIALS,
      correctionProof: { rectificationId: ordered.id },
    });

    await ctx.env.sleep('1 day');
    const visitedOn = await serverToday(ctx);
    const closed = await rectify.step(officer, ordered.id, 'follow-up', {
      visitedOn,
      outcome: 'compliant',
      note: '回访未发现复发',
    });
    const { body: proven } = await api.get(business, record.id);
    const cited = await api.apply(business, record.id, {
      ...COMPLETE_MATERIALS,
      correctionProof: { rectificationId: ordered.id },
    });

    // The penalty record is an earlier violation of the matter: no first-violation leniency.
    expect(firstViolation.body.error?.code).toBe('NOT_FIRST_VIOLATION');
    expect(uncited.status).toBe(422);
    expect(uncited.body.error).toMatchObject({
      code: 'MATERIALS_INCOMPLETE',
      details: [{ missing: 'correctionProof' }],
    });
    expect(closed.body.status).toBe('closed');
    expect(proven.correctionProofs).toEqual([
      {
        rectificationId: ordered.id,
        matterCode: 'MS-002',
        closedOn: visitedOn,
        evidenceIds: [submitted.files[0].evidenceId],
        provenOn: visitedOn,
      },
    ]);
    expect(cited.status, JSON.stringify(cited.body)).toBe(201);
    expect(cited.body.materials.correctionProof).toEqual({ rectificationId: ordered.id });
  });
});

describe('publication over the years', () => {
  it('tells each enterprise on the day its record becomes repair-eligible, and ends publication at the maximum with no application', async () => {
    const { enterpriseId, business, creditStaff } = await creditRepairParties(ctx, 50);
    const T = await serverToday(ctx);
    const enter = async (decidedOn: string, extra: Record<string, unknown> = {}) => {
      const res = await api.enter(creditStaff, penaltyDecision(enterpriseId, decidedOn, extra));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    // Back-dated so that each milestone falls a few days or months ahead, under the rule set its decision date selects.
    const general36 = await enter(addMonths(addDays(T, 3), -3));
    const serious58 = await enter(addMonths(addDays(T, 5), -12), { severity: 'serious' });
    const general58 = await enter(addMonths(addDays(T, 7), -12));
    const serious58Old = await enter(addMonths(addDays(T, 9), -36), { severity: 'serious' });
    const general36First = await enter('2026-04-01');
    const serious36 = await enter('2026-04-02', { severity: 'serious' });
    const minor = await enter('2026-04-01', { procedure: 'simple' });
    const revoked = await enter('2026-04-03');
    const { body: application } = await api.apply(business, revoked.id);
    await api.decide(creditStaff, revoked.id, application.id, 'accepted');
    await api.decide(creditStaff, revoked.id, application.id, 'approved');
    await api.revoke(creditStaff, revoked.id, '虚假材料');

    expect(
      [general36, serious58, general58, serious58Old, general36First, serious36, revoked].map((r) => r.ruleSet),
    ).toEqual([
      'ndrc-order-36',
      'ndrc-order-58',
      'ndrc-order-58',
      'ndrc-order-58',
      'ndrc-order-36',
      'ndrc-order-36',
      'ndrc-order-36',
    ]);
    expect([
      general36.repairEligibleFrom,
      serious58.repairEligibleFrom,
      general58.publication.maxUntil,
      serious58Old.publication.maxUntil,
    ]).toEqual([addDays(T, 3), addDays(T, 5), addDays(T, 7), addDays(T, 9)]);
    expect(minor).toMatchObject({
      status: 'not_published',
      publication: { published: false, from: null },
      upcoming: [],
    });

    const eligibility = (record: { id: string; repairEligibleFrom: string }) => ({
      record,
      on: record.repairEligibleFrom,
      before: 'published',
      after: 'repair_eligible',
      notice: 'repair_eligible',
    });
    const expiry = (record: { id: string; publication: { maxUntil: string } }, before = 'repair_eligible') => ({
      record,
      on: record.publication.maxUntil,
      before,
      after: 'expired',
      notice: 'publication_expired',
    });
    const milestones = [
      eligibility(general36),
      eligibility(serious58),
      eligibility(serious36),
      expiry(general58),
      expiry(serious58Old),
      expiry(general36First),
      expiry(revoked, 'revoked'),
      expiry(general36),
      expiry(serious58),
      expiry(serious36),
    ].sort((a, b) => (a.on < b.on ? -1 : 1));

    for (const { record, on, before, after, notice } of milestones) {
      await sleepUntil(ctx, addDays(on, -1));
      const dayBefore = await api.get(creditStaff, record.id);
      const noticesBefore = await outbox(ctx, record.id, notice);
      await sleepUntil(ctx, on);
      const onTheDay = await api.get(creditStaff, record.id);
      const noticesOnTheDay = await outbox(ctx, record.id, notice);

      expect(dayBefore.body.status, `${record.id} the day before ${on}`).toBe(before);
      expect(noticesBefore, `${notice} the day before ${on}`).toEqual([]);
      expect(onTheDay.body.status, `${record.id} on ${on}`).toBe(after);
      expect(noticesOnTheDay, `${notice} on ${on}`).toMatchObject([{ recipientRole: 'business' }]);
      if (after === 'repair_eligible') {
        expect(onTheDay.body.eligibilityNoticeOn).toBe(on);
        expect(noticesOnTheDay[0]!.payload).toMatchObject({
          noticeOn: on,
          repairEligibleFrom: on,
          materials: ['commitmentLetter', 'fulfilmentProof', 'correctionProof'],
        });
      } else {
        expect(onTheDay.body).toMatchObject({ expiredOn: on, publication: { published: false } });
        if (before !== 'revoked') expect(onTheDay.body.applications).toEqual([]);
      }
    }
    const { body: stillMinor } = await api.get(creditStaff, minor.id);
    expect(stillMinor.status).toBe('not_published');
    expect(await outbox(ctx, minor.id, 'repair_eligible')).toEqual([]);
  });
});

// The review clock counts working days. The holiday data ends with 2026, so a New Year's Day
// beyond it, surely a holiday once the State Council publishes that year, is counted as a working
// day and every date that crosses it is `provisional: true`. The scenario is set at New Year 2038
// (a Friday, as 2027's is), far enough ahead that the server's clock can always skip to it.
// Last in the file, since it moves this file's clock to 2038.
// Hand-computed, applying on Wednesday 2037-12-30: 3 working days → Thu 12-31, Fri 01-01,
// Mon 01-04 = acceptBy 2038-01-04; 10 working days → 12-31, 01-01, 01-04..08, 01-11..13 =
// decideBy 2038-01-13 (each would move one working day later once 01-01 is known to be a holiday).

describe('reviewing an application', () => {
  it('sets deadlines in working days, flags a missed one, pauses for needs_more, then repairs, syncs and revokes', async () => {
    const { enterpriseId, business, creditStaff } = await creditRepairParties(ctx, 30);
    await sleepUntil(ctx, '2037-08-03');
    const { body: entered } = await api.enter(creditStaff, penaltyDecision(enterpriseId, '2037-08-03'));
    const id: string = entered.id;
    const ledger = () =>
      ctx.database.db
        .select()
        .from(repairSyncLedger)
        .where(eq(repairSyncLedger.penaltyRecordId, id))
        .orderBy(repairSyncLedger.action, repairSyncLedger.platform);

    // Applied on Wednesday 2037-12-30.
    await sleepUntil(ctx, '2037-12-30');
    const { body: application } = await api.apply(business, id);
    const { body: applied } = await api.get(creditStaff, id);

    expect(application).toMatchObject({
      appliedOn: '2037-12-30',
      acceptBy: { date: '2038-01-04', provisional: true },
      decideBy: { date: '2038-01-13', provisional: true },
    });
    expect(applied.openSteps).toEqual([
      { step: 'repair_acceptance', assignee: 'credit_staff', dueOn: '2038-01-04', provisional: true, overdue: false },
      { step: 'repair_decision', assignee: 'credit_staff', dueOn: '2038-01-13', provisional: true, overdue: false },
    ]);

    // Not accepted by Monday 2038-01-04: on Tuesday the acceptance is an overdue task.
    await sleepUntil(ctx, '2038-01-05');
    const overdueTasks = await ctx.database.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.processId, id), eq(tasks.overdue, true)));
    expect(overdueTasks).toMatchObject([
      { step: 'repair_acceptance', assigneeRole: 'credit_staff', dueOn: '2038-01-04' },
    ]);
    expect(await outbox(ctx, id, 'repair_acceptance_overdue')).toMatchObject([
      { recipientRole: 'credit_staff', payload: { dueOn: '2038-01-04' } },
    ]);

    // Accepted late on Tuesday 01-05, then more asked for: the clock stops until the business answers.
    const accepted = await api.decide(creditStaff, id, application.id, 'accepted', '受理');
    const needsMore = await api.decide(creditStaff, id, application.id, 'needs_more', '请补充整改报告原件');
    expect(accepted.body).toMatchObject({
      status: 'under_review',
      openSteps: [{ step: 'repair_decision', dueOn: '2038-01-13' }],
    });
    expect(needsMore.body).toMatchObject({
      status: 'under_review',
      openSteps: [],
      applications: [{ status: 'needs_more', decideBy: null, pauses: [{ from: '2038-01-05' }] }],
    });

    // Supplemented on Friday 01-08: Wed 01-06 to Fri 01-08 do not count, so 01-13 moves three working days to Mon 01-18.
    await sleepUntil(ctx, '2038-01-08');
    const supplemented = await api.supplement(business, id, application.id, {
      correctionProof: '整改报告原件（扫描件）',
      note: '已补充',
    });
    expect(supplemented.body).toMatchObject({
      status: 'under_review',
      applications: [
        {
          status: 'accepted',
          decideBy: { date: '2038-01-18', provisional: true },
          pauses: [{ from: '2038-01-05', until: '2038-01-08' }],
        },
      ],
      openSteps: [{ step: 'repair_decision', dueOn: '2038-01-18', overdue: false }],
    });

    // Approved on 01-08: publication ends; every platform is due to withdraw it within 3 working days (Wed 01-13).
    const approved = await api.decide(creditStaff, id, application.id, 'approved', '符合信用修复条件');
    expect(approved.body).toMatchObject({
      status: 'repaired',
      repairedOn: '2038-01-08',
      publication: { published: false },
      openSteps: [],
    });
    await vi.waitFor(async () =>
      expect((await ledger()).map((l) => [l.platform, l.action, l.dueOn])).toEqual([
        ['agency_website', 'withdraw', '2038-01-13'],
        ['credit_china', 'withdraw', '2038-01-13'],
        ['provincial_platform', 'withdraw', '2038-01-13'],
      ]),
    );

    // Revoked: published again until the maximum, a new application barred for a year, every platform to restore it.
    const revoked = await api.revoke(creditStaff, id, '承诺书所附缴款凭证系伪造');
    const reapplied = await api.apply(business, id);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      barredUntil: '2039-01-08',
      publication: { published: true, maxUntil: '2038-08-03' },
      upcoming: [{ milestone: 'publication_expiry', on: '2038-08-03' }],
    });
    expect(reapplied.status).toBe(422);
    expect(reapplied.body.error).toMatchObject({ code: 'REPAIR_BARRED', details: [{ barredUntil: '2039-01-08' }] });
    await vi.waitFor(async () => {
      expect((await ledger()).filter((l) => l.action === 'restore').map((l) => [l.platform, l.dueOn])).toEqual([
        ['agency_website', '2038-01-13'],
        ['credit_china', '2038-01-13'],
        ['provincial_platform', '2038-01-13'],
      ]);
      const file = await ctx.database.db.select().from(creditFileEntries).where(eq(creditFileEntries.processId, id));
      expect(file.map((e) => [e.kind, e.occurredOn])).toEqual(
        expect.arrayContaining([
          ['penalty_record_repaired', '2038-01-08'],
          ['penalty_record_repair_revoked', '2038-01-08'],
        ]),
      );
    });
  });
});
