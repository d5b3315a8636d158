// Safe bulk deadline extension: a flood closes an area's businesses for a week, and the agency puts
// off every open step due in that time. Real workflows on the dev server, real Postgres, real HTTP.
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, idempotencyKeys, notificationOutbox, tasks } from '../../db/schema';
import { addDays, postponedDue } from '../../domain';
import { extendDeadlines, rectificationWorkflowId } from '../../workflows/messages';
import { useApi } from '../support/context';
import { observationParties, observationPeriods } from '../support/observation';
import { COMPLETE_MATERIALS, creditRepairParties, penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { rectificationParties, rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });
const rectification = rectifications(ctx);
const observation = observationPeriods(ctx);
const penaltyRecord = penaltyRecords(ctx);

const AGENCY = 'FLOOD-A';
const extend = (token: string, body: unknown, key?: string) =>
  ctx.api.call('POST', '/api/v1/bulk/deadline-extensions', {
    token,
    body,
    headers: key ? { 'Idempotency-Key': key } : undefined,
  });

async function order(officer: string, enterpriseId: string, matterCode: string) {
  const res = await rectification.order(officer, {
    enterpriseId,
    matterCode,
    disposition: 'order_only',
    findings: '暴雨前发现的轻微违法行为',
    requiredActions: ['限期整改'],
    deadline: { workingDays: 10 },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; deadline: { date: string }; reminderOn: { date: string } | null };
}

/** The open tasks of these processes, as `processId step dueOn`. */
async function openTasks(processIds: string[]) {
  const rows = await ctx.database.db.select().from(tasks).where(inArray(tasks.processId, processIds));
  return rows
    .filter((t) => !t.closedAt)
    .map((t) => `${t.processId} ${t.step} ${t.dueOn}`)
    .sort();
}

const auditOf = (action: string) => ctx.database.db.select().from(auditLog).where(eq(auditLog.action, action));

describe('POST /bulk/deadline-extensions', () => {
  let officer: string;
  let today: string;
  /** The agency's market-supervision cases: what the flood filter must select. */
  let selected: Array<{ id: string; step: string; dueOn: string }>;
  let others: string[];
  let flood: { filter: Record<string, unknown>; days: number; reason: string };

  beforeAll(async () => {
    today = await serverToday(ctx);
    const parties = await Promise.all([1, 2, 3, 4].map((n) => rectificationParties(ctx, n, AGENCY)));
    officer = parties[0]!.officer;
    const marketCases = await Promise.all(parties.slice(0, 3).map((p) => order(officer, p.enterpriseId, 'MS-002')));
    const otherArea = await order(officer, parties[3]!.enterpriseId, 'CT-001');
    const observed = await observationParties(ctx, 5, { agency: AGENCY });
    const { body: period } = await observation.open(observed.officer, {
      enterpriseId: observed.enterpriseId,
      matterCode: 'MS-005',
      legalBasis: '《优化营商环境条例》第五十五条',
      months: 6,
      reason: '平台经济新模式企业，首次发现轻微问题',
    });
    const elsewhere = await rectificationParties(ctx, 6, 'FLOOD-B');
    const otherAgency = await order(elsewhere.officer, elsewhere.enterpriseId, 'MS-002');
    selected = [
      ...marketCases.map((c) => ({ id: c.id, step: 'evidence', dueOn: c.deadline.date })),
      { id: period.id, step: 'consent', dueOn: period.consentDue.date },
    ];
    others = [otherArea.id, otherAgency.id];
    flood = {
      filter: { area: 'market_supervision', dueBefore: addDays(today, 60) },
      days: 7,
      reason: '暴雨红色预警，辖区商户停业一周',
    };
    // The selection reads the task list, which the workflows fill a moment after answering.
    await vi.waitFor(async () => expect(await openTasks([...selected.map((s) => s.id), ...others])).toHaveLength(6));
  });

  it('a dry run lists exactly the steps the filter selects, with their new due dates, and changes nothing', async () => {
    const before = await openTasks([...selected.map((s) => s.id), ...others]);

    const res = await extend(officer, { ...flood, dryRun: true });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toEqual({ would_extend: 4 });
    expect(res.body.items.map((i: { processId: string; step: string; dueOn: string; newDueOn: string }) => i)).toEqual(
      expect.arrayContaining(
        selected.map((s) =>
          expect.objectContaining({
            processId: s.id,
            step: s.step,
            dueOn: s.dueOn,
            newDueOn: postponedDue({ date: s.dueOn, provisional: false }, 7).date,
            agency: AGENCY,
            result: 'would_extend',
          }),
        ),
      ),
    );
    expect(await openTasks([...selected.map((s) => s.id), ...others])).toEqual(before);
    expect(await auditOf('deadlines.extended')).toEqual([]);
    expect(await auditOf('bulk.deadlines_extended')).toEqual([]);
  });

  it('the real run moves exactly those deadlines, audits each case and the batch, and tells the parties', async () => {
    const untouched = await openTasks(others);

    const res = await extend(officer, flood, 'flood-2026-11');

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toEqual({ extended: 4 });
    for (const s of selected) {
      const moved = postponedDue({ date: s.dueOn, provisional: false }, 7).date;
      expect(res.body.items).toContainEqual(
        expect.objectContaining({ processId: s.id, result: 'extended', newDueOn: moved }),
      );
      expect(await openTasks([s.id])).toEqual([`${s.id} ${s.step} ${moved}`]);
    }
    // A rectification's deadline (and its reminder) moves with its evidence step
    const rect = (await rectification.get(officer, selected[0]!.id)).body;
    expect(rect.deadline.date).toBe(
      res.body.items.find((i: { processId: string }) => i.processId === rect.id).newDueOn,
    );
    expect(rect.history.at(-1)).toMatchObject({ action: 'deadlines.extended', reason: flood.reason });
    // The observation period's consent deadline moves with its step
    const period = (await observation.get(officer, selected[3]!.id)).body;
    expect(period.consentDue.date).toBe(postponedDue({ date: selected[3]!.dueOn, provisional: false }, 7).date);
    // Nothing outside the filter moved
    expect(await openTasks(others)).toEqual(untouched);
    // Each case's change and the batch itself are in the audit trail, with who and why
    const perCase = await auditOf('deadlines.extended');
    expect(perCase.map((a) => a.entityId).sort()).toEqual(selected.map((s) => s.id).sort());
    expect(perCase.every((a) => a.actor === 'officer-1' && a.reason === flood.reason)).toBe(true);
    const [batch] = await auditOf('bulk.deadlines_extended');
    expect(batch).toMatchObject({ entityId: res.body.batchId, reason: flood.reason, actor: 'officer-1' });
    // The businesses are told their new dates
    const told = await ctx.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.kind, 'deadline_extended'));
    expect(told.map((n) => n.processId).sort()).toEqual(selected.map((s) => s.id).sort());
  });

  it('a retry with the same Idempotency-Key changes nothing more, even when the first answer was lost', async () => {
    const ids = selected.map((s) => s.id);
    const before = await openTasks(ids);
    const first = await extend(officer, flood, 'flood-2026-11');

    // The stored answer is replayed
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({ extended: 4 });
    expect(await openTasks(ids)).toEqual(before);

    // And with the stored answer gone (the API crashed before storing it), the cases answer the
    // repeated update from its first run, and move nothing again
    await ctx.database.db.delete(idempotencyKeys).where(eq(idempotencyKeys.key, 'flood-2026-11'));
    const again = await extend(officer, flood, 'flood-2026-11');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.batchId).toBe(first.body.batchId);
    expect(await openTasks(ids)).toEqual(before);
    expect(await auditOf('deadlines.extended')).toHaveLength(4);

    // Even an update Temporal cannot match to the first (a case continued as new since) is
    // recognised by its batch and changes nothing
    const handle = ctx.env.client.workflow.getHandle(rectificationWorkflowId(selected[0]!.id));
    const repeated = await handle.executeUpdate(extendDeadlines, {
      args: [
        {
          batchId: first.body.batchId,
          stepKeys: ['evidence#1'],
          days: 7,
          reason: flood.reason,
          actor: { sub: 'officer-1', role: 'officer' },
        },
      ],
    });
    expect(repeated).toEqual({ applied: false, extended: [], skipped: [] });
    expect(await openTasks(ids)).toEqual(before);
  });

  it('keeps officers to their own agency and refuses bad input with clear codes', async () => {
    const other = await ctx.api.token({ sub: 'officer-b', role: 'officer', agency: 'FLOOD-B' });
    const business = await ctx.api.token({ sub: 'biz-1', role: 'business', enterpriseId: selected[0]!.id });

    expect((await extend(other, { ...flood, filter: { ...flood.filter, agency: AGENCY }, dryRun: true })).status).toBe(
      403,
    );
    const own = await extend(other, { ...flood, dryRun: true });
    expect(own.body.items.map((i: { processId: string }) => i.processId)).toEqual([others[1]]);
    expect((await extend(business, { ...flood, dryRun: true })).status).toBe(403);
    for (const bad of [
      { ...flood, days: 0 },
      { ...flood, reason: ' ' },
      { ...flood, filter: {} },
    ]) {
      const res = await extend(officer, bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('credit repair: postponed review deadlines survive the re-planning that every later step does', async () => {
    // Given a repair application awaiting acceptance and decision
    const { enterpriseId, business, creditStaff } = await creditRepairParties(ctx, 7);
    const admin = await ctx.api.token({ sub: 'admin-1', role: 'admin' });
    const { body: record } = await penaltyRecord.enter(
      creditStaff,
      penaltyDecision(enterpriseId, addDays(today, -120)),
    );
    const { body: application } = await penaltyRecord.apply(business, record.id, COMPLETE_MATERIALS);
    await vi.waitFor(async () => expect(await openTasks([record.id])).toHaveLength(2));

    // When an admin puts off the credit staff's steps by 10 days
    const res = await extend(admin, {
      filter: { processType: 'penalty_record', dueBefore: addDays(today, 60) },
      days: 10,
      reason: '信用修复窗口因洪灾关闭',
    });
    expect(res.body.counts).toEqual({ extended: 2 });
    const decideBy = postponedDue(application.decideBy, 10).date;
    expect(await openTasks([record.id])).toEqual(
      [
        `${record.id} repair_acceptance ${postponedDue(application.acceptBy, 10).date}`,
        `${record.id} repair_decision ${decideBy}`,
      ].sort(),
    );

    // Then accepting the application keeps the decision's postponed deadline
    const accepted = await penaltyRecord.decide(creditStaff, record.id, application.id, 'accepted');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(await openTasks([record.id])).toEqual([`${record.id} repair_decision ${decideBy}`]);
    const entries = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, record.id), eq(auditLog.action, 'deadlines.extended')));
    expect(entries).toHaveLength(1);
  });
});
