import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, creditFileEntries, notificationOutbox } from '../../db/schema';
import { addDays, subtractWorkingDays } from '../../domain';
import { useApi } from '../support/context';
import { pdf, rectificationParties, rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ timeSkipping: true, worker: true });
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
    expect(ordered.body).toMatchObject({ status: 'awaiting_commitment', disposition: 'no_penalty', waivedFine: 200_000 });
    const id: string = ordered.body.id;

    const committed = await api.step(business, id, 'commitment', { signatory: '张三', statement: '本企业承诺按期整改' });
    const first = await api.evidence(business, id, '已更换店招', [{ name: '照片.pdf', type: 'application/pdf', bytes: pdf('round 1') }]);
    const rejected = await api.step(officer, id, 'review', { decision: 'rejected', reasons: '照片不清晰' });
    await ctx.env.sleep('2 days');
    const second = await api.evidence(business, id, '补充清晰照片', [{ name: 'photo.pdf', type: 'application/pdf', bytes: pdf('round 2') }]);
    const accepted = await api.step(officer, id, 'review', { decision: 'accepted', reasons: '整改到位' });
    const acceptedOn = await serverToday(ctx);

    expect(committed.body.status).toBe('awaiting_evidence');
    expect(first.status).toBe(202);
    expect(first.body.files[0].sha256).toBe(createHash('sha256').update(pdf('round 1')).digest('hex'));
    expect(rejected.body.status).toBe('awaiting_evidence');
    expect(second.body).toMatchObject({ round: 2, status: 'under_review' });
    expect(accepted.body.status).toBe('follow_up');
    expect(accepted.body.openSteps).toEqual([expect.objectContaining({ step: 'follow_up', assignee: 'officer', dueOn: addDays(acceptedOn, 30) })]);

    await ctx.env.sleep('30 days');
    const visitedOn = await serverToday(ctx);
    const closed = await api.step(officer, id, 'follow-up', { visitedOn, outcome: 'compliant', note: '回访未发现复发' });

    expect(closed.body).toMatchObject({ status: 'closed', correctedOnTime: true });
    expect(closed.body.submissions.map((s: { round: number }) => s.round)).toEqual([1, 2]);
    const creditFile = await ctx.database.db.select().from(creditFileEntries).where(eq(creditFileEntries.processId, id));
    expect(creditFile).toMatchObject([{ enterpriseId, kind: 'rectification_closed', occurredOn: visitedOn }]);
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.at, auditLog.id);
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
    const submitted = await api.evidence(business, created.id, '证明材料', [{ name: '材料.pdf', type: 'application/pdf', bytes }]);

    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    const file = submitted.body.files[0];
    const res = await fetch(`${ctx.api.url}/api/v1/rectifications/${created.id}/evidence/${file.evidenceId}`, { headers: { authorization: `Bearer ${officer}` } });

    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-sha256')).toBe(file.sha256);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });
});

describe('rectification timers', () => {
  it('reminds the business 3 working days before the deadline, and not before', async () => {
    const { enterpriseId, officer } = await rectificationParties(ctx, 10);
    const { body: created } = await api.order(officer, order(enterpriseId, { disposition: 'order_only', deadline: { workingDays: 8 } }));
    const reminders = () => ctx.database.db.select().from(notificationOutbox)
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

function daysUntil(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
