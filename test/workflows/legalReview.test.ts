// Legal review (法制审核) as a human step of the process kit: under a policy that names no-penalty
// decisions, a no-penalty order waits for a legal reviewer of its agency before it takes effect; a
// return puts it back on the officer's list with the reasons; a late review shows as overdue.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { creditFileEntries, documents, notificationOutbox } from '../../db/schema';
import { addDays, addWorkingDays } from '../../domain';
import { agencyAdmin } from '../support/agencies';
import { useApi } from '../support/context';
import { expectOneAccepted, expectRecordedOnce, sendAtOnce } from '../support/concurrency';
import { observationParties, observationPeriods, periodBody, sleepUntil } from '../support/observation';
import { orderBody, rectificationParties, rectifications, serverToday } from '../support/rectifications';

// Its own time-skipping server: one review is left to go overdue.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = rectifications(ctx);
const AGENCY = 'LEGAL-REVIEW';
const CONCLUSIONS = 'LEGAL-REVIEW-OBS';
let reviewer: string;
let foreignReviewer: string;

beforeAll(async () => {
  const admin = await ctx.api.token({ sub: 'admin-lr', role: 'admin' });
  const { register, storePolicy } = agencyAdmin(ctx, () => admin);
  await register(AGENCY);
  await register(CONCLUSIONS);
  const stored = await storePolicy(AGENCY, {
    effectiveFrom: await serverToday(ctx),
    reason: '重大执法决定法制审核（吉木萨尔第四条）',
    legalReviewDecisions: ['no_penalty'],
  });
  expect(stored.status, JSON.stringify(stored.body)).toBe(201);
  const conclusions = await storePolicy(CONCLUSIONS, {
    effectiveFrom: await serverToday(ctx),
    reason: '观察期结论法制审核',
    legalReviewDecisions: ['observation_conclusion'],
  });
  expect(conclusions.status, JSON.stringify(conclusions.body)).toBe(201);
  reviewer = await ctx.api.token({ sub: 'reviewer-1', role: 'legal_reviewer', agency: AGENCY });
  foreignReviewer = await ctx.api.token({ sub: 'reviewer-2', role: 'legal_reviewer', agency: 'SAMR-HZ' });
});

const tasksOf = async (token: string) =>
  (await ctx.api.call('GET', '/api/v1/tasks', { token })).body.tasks as Array<Record<string, unknown>>;
const creditFileOf = (id: string) =>
  ctx.database.db.select().from(creditFileEntries).where(eq(creditFileEntries.processId, id));
const notices = (id: string) =>
  ctx.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.processId, id));
const documentKindsOf = (id: string) =>
  ctx.database.db
    .select({ kind: documents.kind })
    .from(documents)
    .where(eq(documents.processId, id))
    .then((rows) => rows.map((r) => r.kind).sort());

async function ordered(serial: number) {
  const parties = await rectificationParties(ctx, serial, AGENCY);
  const answer = await api.order(parties.officer, orderBody(parties.enterpriseId));
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return { ...parties, id: answer.body.id as string, view: answer.body };
}

describe('legal review of a no-penalty order', () => {
  it('holds the order in awaiting_legal_review on the reviewer’s list, with nothing for the party until approved', async () => {
    const c = await ordered(1);
    const today = await serverToday(ctx);

    expect(c.view).toMatchObject({
      status: 'awaiting_legal_review',
      openSteps: [{ step: 'legal_review', assignee: 'legal_reviewer', dueOn: addWorkingDays(today, 5).date }],
      legalReviews: [{ round: 1, decision: 'no_penalty', sentBy: 'officer-1' }],
    });
    expect(await tasksOf(reviewer)).toEqual([
      expect.objectContaining({ processId: c.id, step: 'legal_review', overdue: false }),
    ]);
    expect(await tasksOf(foreignReviewer)).toEqual([]);
    expect((await api.get(foreignReviewer, c.id)).status).toBe(404);
    expect((await api.step(c.business, c.id, 'commitment', { signatory: '张三', statement: '承诺' })).status).toBe(409);
    expect(await creditFileOf(c.id)).toEqual([]);
    expect((await notices(c.id)).map((n) => n.recipientRole)).toEqual(['legal_reviewer']);
    expect(await documentKindsOf(c.id)).toEqual([]);

    const approved = await api.step(reviewer, c.id, 'legal-review', { decision: 'approved', reasons: '适用法律正确' });

    expect(approved.body).toMatchObject({
      status: 'awaiting_commitment',
      openSteps: [{ step: 'commitment', assignee: 'business', dueOn: addWorkingDays(today, 5).date }],
      legalReviews: [{ verdict: { decision: 'approved', reasons: '适用法律正确', by: 'reviewer-1' } }],
    });
    expect((await notices(c.id)).map((n) => n.recipientRole)).toEqual(['legal_reviewer', 'business']);
    expect((await documentKindsOf(c.id)).length).toBeGreaterThan(0);
    expect(await tasksOf(reviewer)).toEqual([]);
  });

  it('returns the order to the officer with reasons, as an officer task, until it is resubmitted', async () => {
    const c = await ordered(2);

    const returned = await api.step(reviewer, c.id, 'legal-review', { decision: 'returned', reasons: '事实认定不清' });
    const officerTasks = await tasksOf(c.officer);
    const resubmitted = await api.step(c.officer, c.id, 'legal-review-resubmission', { reasons: '补充现场笔录' });

    expect(returned.body).toMatchObject({
      status: 'legal_review_returned',
      openSteps: [{ step: 'legal_review_returned', assignee: 'officer' }],
    });
    expect(returned.body.history.at(-1)).toMatchObject({
      action: 'rectification.legal_review_returned',
      reason: '事实认定不清',
    });
    expect(officerTasks).toEqual([expect.objectContaining({ processId: c.id, step: 'legal_review_returned' })]);
    expect(resubmitted.body).toMatchObject({
      status: 'awaiting_legal_review',
      legalReviews: [
        { round: 1, verdict: { decision: 'returned' } },
        { round: 2, decision: 'no_penalty' },
      ],
    });
    expect(await creditFileOf(c.id)).toEqual([]);
  });

  it('only the legal reviewer decides, once: five verdicts at once give one', async () => {
    const c = await ordered(3);

    const byOfficer = await api.step(c.officer, c.id, 'legal-review', { decision: 'approved', reasons: '同意' });
    const answers = await sendAtOnce(5, () =>
      api.step(reviewer, c.id, 'legal-review', { decision: 'approved', reasons: '同意' }),
    );

    expect(byOfficer.status).toBe(403);
    expectOneAccepted(answers);
    await expectRecordedOnce(ctx, c.id, 'rectification.legal_review_approved');
  });

  it('leaves an order without review where the policy names no decision, as before', async () => {
    const parties = await rectificationParties(ctx, 4);

    const answer = await api.order(parties.officer, orderBody(parties.enterpriseId));

    expect(answer.body).toMatchObject({ status: 'awaiting_commitment' });
    expect(answer.body.legalReviews).toBeUndefined();
  });

  it('flags a review not given in 5 working days as overdue on the reviewer’s list', async () => {
    const c = await ordered(5);

    await ctx.env.sleep('10 days');

    await expect.poll(async () => (await tasksOf(reviewer)).find((t) => t.processId === c.id)?.overdue).toBe(true);
  });
});

describe('legal review of an observation period’s conclusion', () => {
  it('writes the outcome into the credit file only once the conclusion is approved', async () => {
    const periods = observationPeriods(ctx);
    const p = await observationParties(ctx, 20, { agency: CONCLUSIONS });
    const obsReviewer = await ctx.api.token({ sub: 'reviewer-3', role: 'legal_reviewer', agency: CONCLUSIONS });
    const opened = await periods.open(p.officer, periodBody(p.enterpriseId, { months: 1 }));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id: string = opened.body.id;
    await periods.step(p.business, id, 'consent', { accept: true });
    await sleepUntil(ctx, addDays(opened.body.endDate, 1));
    await expect.poll(async () => (await periods.get(p.officer, id)).body.status).toBe('awaiting_conclusion');

    const held = await periods.step(p.officer, id, 'conclusion', { outcome: 'passed', reason: '观察期内表现良好' });
    const before = await creditFileOf(id);
    const approved = await periods.step(obsReviewer, id, 'legal-review', { decision: 'approved', reasons: '同意' });

    expect(held.body).toMatchObject({
      status: 'awaiting_legal_review',
      pendingConclusion: { outcome: 'passed', reason: '观察期内表现良好', decidedBy: 'officer-20' },
      openSteps: expect.arrayContaining([
        expect.objectContaining({ step: 'legal_review', assignee: 'legal_reviewer' }),
      ]),
    });
    expect(before).toEqual([]);
    expect(approved.body).toMatchObject({ status: 'passed', outcome: { result: 'passed', decidedBy: 'officer-20' } });
    expect((await creditFileOf(id)).map((e) => e.kind)).toEqual(['observation_passed']);
  });
});
