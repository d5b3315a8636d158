// Objections (异议申诉) end to end: a business objects to an entry of its own credit file with
// reasons and a file; the entry shows disputed and credit staff get a task due in 10 working days,
// overdue once that day passes (time skipping); the decision corrects (old text kept) or removes
// the entry, and the grade follows. Each step is atomic: five at once give one effect.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, tasks } from '../../db/schema';
import { addWorkingDays } from '../../domain';
import { expectOneAccepted, sendAtOnce } from '../support/concurrency';
import { useApi } from '../support/context';
import { creditFileOf, objections, partiesWithAdverseEntry } from '../support/objections';
import { observationParties } from '../support/observation';
import { serverToday } from '../support/rectifications';

const ctx = useApi({ timeSkipping: 'own', worker: true });
const { file: object, decide, get } = objections(ctx);
const creditFile = (token: string, enterpriseId: string) => creditFileOf(ctx, token, enterpriseId);

describe('objections', () => {
  it('marks the entry disputed, gives credit staff a task due in 10 working days, and corrects it keeping the old text', async () => {
    const { enterpriseId, business, creditStaff, entry } = await partiesWithAdverseEntry(ctx, 1951);
    const today = await serverToday(ctx);

    const filings = await sendAtOnce(3, () => object(business, enterpriseId, entry.key));

    const filed = expectOneAccepted(filings, 201, { status: 409, code: 'ALREADY_ACTIVE' });
    expect(filed.body).toMatchObject({
      status: 'pending',
      dueOn: addWorkingDays(today, 10),
      files: [{ filename: 'statement.pdf' }],
      entry: { key: entry.key, summary: entry.summary },
    });
    expect((await creditFile(business, enterpriseId))[0]).toMatchObject({ key: entry.key, disputed: true });
    const queue = await ctx.api.call('GET', '/api/v1/tasks?assigneeRole=credit_staff', { token: creditStaff });
    expect(queue.body.tasks.filter((t: { processId: string }) => t.processId === filed.body.id)).toMatchObject([
      { processType: 'objection', step: 'objection_decision', dueOn: addWorkingDays(today, 10).date, overdue: false },
    ]);

    const noText = await decide(creditStaff, filed.body.id, { decision: 'corrected', reasons: '部分属实' });
    const decisions = await sendAtOnce(5, () =>
      decide(creditStaff, filed.body.id, {
        decision: 'corrected',
        reasons: '部分属实',
        correctedText: '观察期因客观原因终止',
      }),
    );

    expect(noText.body.error.code).toBe('CORRECTED_TEXT_REQUIRED');
    const decided = expectOneAccepted(decisions);
    expect(decided.body).toMatchObject({
      status: 'corrected',
      decision: { oldText: entry.summary, correctedText: '观察期因客观原因终止', decidedBy: 'credit-1951' },
      openSteps: [],
    });
    expect((await creditFile(business, enterpriseId))[0]).toMatchObject({
      disputed: false,
      summary: '观察期因客观原因终止',
      originalSummary: entry.summary,
    });
    const audit = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'objection'), eq(auditLog.entityId, filed.body.id)));
    expect(audit.map((a) => a.action)).toEqual(['objection.filed', 'objection.corrected']);
  });

  it('removes an entry: out of the file, out of the grade', async () => {
    const { enterpriseId, business, creditStaff, entry } = await partiesWithAdverseEntry(ctx, 1952);
    const rating = async () =>
      (await ctx.api.call('GET', `/api/v1/enterprises/${enterpriseId}/rating`, { token: business })).body.grade;
    expect(await rating()).toBe('C');
    const filed = await object(business, enterpriseId, entry.key, '并非企业过错', false);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);

    const removed = await decide(creditStaff, filed.body.id, { decision: 'removed', reasons: '经核实，记录有误' });

    expect(removed.body.status).toBe('removed');
    expect(await creditFile(business, enterpriseId)).toEqual([]);
    expect(await rating()).toBe('B');
  });

  it('lets a business object only to its own entries, and credit staff decide', async () => {
    const { enterpriseId, business, entry } = await partiesWithAdverseEntry(ctx, 1953);
    const other = await observationParties(ctx, 1954);
    const filed = await object(business, enterpriseId, entry.key);

    const foreign = await object(other.business, enterpriseId, entry.key);
    const wrongEntry = await object(other.business, other.enterpriseId, entry.key);
    const byBusiness = await decide(business, filed.body.id, { decision: 'removed', reasons: '自行撤销' });

    expect(foreign.status).toBe(404);
    expect(wrongEntry.status).toBe(404);
    expect(byBusiness.status).toBe(403);
  });

  it('turns the decision task overdue once its tenth working day has passed', async () => {
    const { enterpriseId, business, entry } = await partiesWithAdverseEntry(ctx, 1955);
    const filed = await object(business, enterpriseId, entry.key);
    const due = filed.body.dueOn.date as string;

    await ctx.env.sleep('20 days');
    const { db } = ctx.database;
    let task: { overdue: boolean; dueOn: string } | undefined;
    for (let i = 0; i < 50 && !task?.overdue; i++) {
      [task] = await db.select().from(tasks).where(eq(tasks.processId, filed.body.id));
      if (!task?.overdue) await new Promise((r) => setTimeout(r, 100));
    }

    expect(task).toMatchObject({ overdue: true, dueOn: due });
    const view = await get(business, filed.body.id);
    expect(view.body).toMatchObject({ status: 'pending', openSteps: [{ step: 'objection_decision', overdue: true }] });
  });
});
