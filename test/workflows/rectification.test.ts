import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, creditFileEntries, notificationOutbox } from '../../db/schema';
import { addDays, addWorkingDays, subtractWorkingDays } from '../../domain';
import { useApi } from '../support/context';
import { pdf, rectificationParties, rectifications, serverToday } from '../support/rectifications';

// Its own time-skipping server: this file skips months and leaves cases open on the way.
const ctx = useApi({ timeSkipping: 'own', worker: true });
const api = rectifications(ctx);
const order = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
  enterpriseId,
  matterCode: 'MS-002',
  disposition: 'no_penalty',
  findings: '店招使用“全市最佳”字样',
  requiredActions: ['撤下含绝对化用语的广告'],
  deadline: { workingDays: 10 },
  ...extra,
});

describe('rectification, end to end over simulated months', () => {
  it('runs order → commitment → evidence → rejected → evidence → accepted → follow-up → closed, recording every step', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 1);
    const ordered = await api.order(officer, order(enterpriseId));
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({
      status: 'awaiting_commitment',
      disposition: 'no_penalty',
      waivedFine: 200_000,
    });
    const id: string = ordered.body.id;

    const committed = await api.step(business, id, 'commitment', {
      signatory: '张三',
      statement: '本企业承诺按期整改',
    });
    const first = await api.evidence(business, id, '已更换店招', [
      { name: '照片.pdf', type: 'application/pdf', bytes: pdf('round 1') },
    ]);
    const rejected = await api.step(officer, id, 'review', { decision: 'rejected', reasons: '照片不清晰' });
    await ctx.env.sleep('2 days');
    const second = await api.evidence(business, id, '补充清晰照片', [
      { name: 'photo.pdf', type: 'application/pdf', bytes: pdf('round 2') },
    ]);
    const accepted = await api.step(officer, id, 'review', { decision: 'accepted', reasons: '整改到位' });
    const acceptedOn = await serverToday(ctx);

    expect(committed.body.status).toBe('awaiting_evidence');
    expect(first.status).toBe(202);
    expect(first.body.files[0].sha256).toBe(createHash('sha256').update(pdf('round 1')).digest('hex'));
    expect(rejected.body.status).toBe('awaiting_evidence');
    expect(second.body).toMatchObject({ round: 2, status: 'under_review' });
    expect(accepted.body.status).toBe('follow_up');
    expect(accepted.body.openSteps).toEqual([
      expect.objectContaining({ step: 'follow_up', assignee: 'officer', dueOn: addDays(acceptedOn, 30) }),
    ]);

    await ctx.env.sleep('30 days');
    const visitedOn = await serverToday(ctx);
    const closed = await api.step(officer, id, 'follow-up', {
      visitedOn,
      outcome: 'compliant',
      note: '回访未发现复发',
    });

    expect(closed.body).toMatchObject({ status: 'closed', correctedOnTime: true });
    expect(closed.body.submissions.map((s: { round: number }) => s.round)).toEqual([1, 2]);
    const creditFile = await ctx.database.db
      .select()
      .from(creditFileEntries)
      .where(eq(creditFileEntries.processId, id));
    expect(creditFile).toMatchObject([{ enterpriseId, kind: 'rectification_closed', occurredOn: visitedOn }]);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .orderBy(auditLog.at, auditLog.id);
    expect(audit.map((a) => [a.action, a.actor, a.reason])).toEqual([
      ['rectification.ordered', 'officer-1', '店招使用“全市最佳”字样'],
      ['rectification.commitment_signed', 'biz-1', 'Signed by 张三'],
      ['rectification.evidence_submitted', 'biz-1', '已更换店招'],
      ['rectification.evidence_rejected', 'officer-1', '照片不清晰'],
      ['rectification.evidence_submitted', 'biz-1', '补充清晰照片'],
      ['rectification.evidence_accepted', 'officer-1', '整改到位'],
      ['rectification.closed', 'officer-1', '回访未发现复发'],
    ]);
  });

  it('lets the business download its evidence with the stored hash', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 2);
    const { body: created } = await api.order(officer, order(enterpriseId, { disposition: 'order_only' }));
    const bytes = pdf('download me');
    const submitted = await api.evidence(business, created.id, '证明材料', [
      { name: '材料.pdf', type: 'application/pdf', bytes },
    ]);

    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    const file = submitted.body.files[0];
    const res = await fetch(`${ctx.api.url}/api/v1/rectifications/${created.id}/evidence/${file.evidenceId}`, {
      headers: { authorization: `Bearer ${officer}` },
    });

    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-sha256')).toBe(file.sha256);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });
});

describe('rectification timers', () => {
  it('reminds the business 3 working days before the deadline, and not before', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 10);
    const { body: created } = await api.order(
      officer,
      order(enterpriseId, { disposition: 'order_only', deadline: { workingDays: 8 } }),
    );
    const reminders = () =>
      ctx.database.db
        .select()
        .from(notificationOutbox)
        .where(and(eq(notificationOutbox.processId, created.id), eq(notificationOutbox.kind, 'evidence_reminder')));
    const today = await serverToday(ctx);
    const remindOn: string = created.openSteps[0].remindOn;

    await ctx.env.sleep(`${daysUntil(today, remindOn) - 1} days`);
    const before = await reminders();
    await ctx.env.sleep('2 days');
    const after = await reminders();

    expect(remindOn).toBe(subtractWorkingDays(created.deadline.date, 3).date);
    expect(before).toEqual([]);
    expect(after).toMatchObject([{ recipientRole: 'business', payload: { dueOn: created.deadline.date } }]);
  });
});

describe('rectification deadlines', () => {
  it('goes overdue when the deadline passes without accepted evidence, then escalates itself 10 working days later', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 20);
    const { body: created } = await api.order(
      officer,
      order(enterpriseId, { disposition: 'order_only', deadline: { workingDays: 3 } }),
    );
    const deadline: string = created.deadline.date;
    const escalationOn = addWorkingDays(deadline, 10).date;

    await ctx.env.sleep(`${daysUntil(await serverToday(ctx), deadline) + 1} days`);
    const overdue = (await api.get(officer, created.id)).body;
    await ctx.env.sleep(`${daysUntil(await serverToday(ctx), escalationOn)} days`);
    const stillOverdue = (await api.get(officer, created.id)).body;
    await ctx.env.sleep('1 day');
    const escalated = (await api.get(officer, created.id)).body;

    expect(overdue.status).toBe('overdue');
    expect(overdue.openSteps).toEqual([
      expect.objectContaining({ step: 'overdue_decision', assignee: 'officer', dueOn: escalationOn }),
    ]);
    expect(stillOverdue.status).toBe('overdue');
    expect(escalated.status).toBe('escalated');
    expect(escalated.history.at(-1)).toMatchObject({
      actor: 'system',
      action: 'rectification.auto_escalated',
      from: 'overdue',
      to: 'escalated',
    });
    const creditFile = await ctx.database.db
      .select()
      .from(creditFileEntries)
      .where(eq(creditFileEntries.processId, created.id));
    expect(creditFile).toMatchObject([{ kind: 'rectification_escalated', occurredOn: addDays(escalationOn, 1) }]);
  });

  it('moves the deadline and its reminder when an extension is approved', async () => {
    const { enterpriseId, officer, business } = await rectificationParties(ctx, 21);
    const { body: created } = await api.order(
      officer,
      order(enterpriseId, { disposition: 'order_only', deadline: { workingDays: 10 } }),
    );
    const oldDeadline: string = created.deadline.date;

    const requested = await api.step(business, created.id, 'extension-request', { days: 5, reason: '设备到货延迟' });
    const approved = await api.step(officer, created.id, 'extension-decision', { approve: true, reason: '理由充分' });
    const newDeadline = addWorkingDays(oldDeadline, 5).date;
    const newReminder = subtractWorkingDays(newDeadline, 3).date;
    const reminders = () =>
      ctx.database.db
        .select()
        .from(notificationOutbox)
        .where(and(eq(notificationOutbox.processId, created.id), eq(notificationOutbox.kind, 'evidence_reminder')));
    await ctx.env.sleep(`${daysUntil(await serverToday(ctx), oldDeadline) + 1} days`);
    const afterOldDeadline = (await api.get(officer, created.id)).body;
    const remindedBeforeNewDate = await reminders();
    await ctx.env.sleep(`${daysUntil(await serverToday(ctx), newReminder) + 1} days`);

    expect(requested.body.openSteps).toContainEqual(
      expect.objectContaining({ step: 'extension_decision', assignee: 'officer' }),
    );
    expect(approved.body.deadline).toEqual({ date: newDeadline, provisional: expect.any(Boolean) });
    expect(approved.body.openSteps).toEqual([
      expect.objectContaining({ step: 'evidence', dueOn: newDeadline, remindOn: newReminder }),
    ]);
    expect(afterOldDeadline.status).toBe('awaiting_evidence');
    expect(remindedBeforeNewDate).toEqual([]);
    expect(await reminders()).toMatchObject([{ payload: { dueOn: newDeadline } }]);
  });

  it('lets an officer give an overdue case more time, counted from the day of the decision', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 22);
    const { body: created } = await api.order(
      officer,
      order(enterpriseId, { disposition: 'order_only', deadline: { workingDays: 2 } }),
    );
    await ctx.env.sleep(`${daysUntil(await serverToday(ctx), created.deadline.date) + 2} days`);
    const decidedOn = await serverToday(ctx);

    const granted = await api.step(officer, created.id, 'extension-decision', {
      approve: true,
      reason: '企业停电',
      days: 5,
    });

    expect(granted.body).toMatchObject({
      status: 'awaiting_evidence',
      deadline: { date: addWorkingDays(decidedOn, 5).date },
    });
    expect(granted.body.openSteps).toEqual([
      expect.objectContaining({ step: 'evidence', dueOn: addWorkingDays(decidedOn, 5).date }),
    ]);
  });

  it('computes a deadline reminder across the 2026 National Day holiday for an order recorded after the fact', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 23);

    // Ordered on paper on 2026-09-25 with a deadline of Friday 2026-10-09; 2026-10-01..07 are
    // holidays, so 3 working days back are 10-08, 09-30 and 09-29: the reminder was due 09-29.
    const created = await api.order(
      officer,
      order(enterpriseId, {
        disposition: 'order_only',
        orderedOn: '2026-09-25',
        deadline: { date: '2026-10-09' },
      }),
    );

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ orderedOn: '2026-09-25', reminderOn: { date: '2026-09-29' } });
    // Both the deadline and the 10 working days after it passed before the order was recorded:
    // the case goes overdue and escalates at once.
    const outcome = await ctx.env.client.workflow.getHandle(`rectification:${created.body.id}`).result();
    expect(outcome.history.map((h: { action: string }) => h.action)).toEqual([
      'rectification.ordered',
      'rectification.deadline_missed',
      'rectification.auto_escalated',
    ]);
  });
});

function daysUntil(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
