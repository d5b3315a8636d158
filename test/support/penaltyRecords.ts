// Driving penalty records and credit repair through the HTTP API in tests: the parties, a decision
// body, one call per step, moving the server's clock to a given date, and reading what was written.
import { and, eq } from 'drizzle-orm';
import { notificationOutbox } from '../../db/schema';
import { daysBetween } from '../../domain';
import type { ApiContext } from './context';
import { rectificationParties, serverToday } from './rectifications';

/** An enterprise with its business user, an officer of its agency, and a credit staff member. */
export async function creditRepairParties(ctx: ApiContext, serial: number) {
  const parties = await rectificationParties(ctx, serial);
  const creditStaff = await ctx.api.token({ sub: `credit-${serial}`, role: 'credit_staff' });
  return { ...parties, creditStaff };
}

let decisions = 0;

/** A general-procedure fine decision of the given date; override severity, procedure, penalties... */
export function penaltyDecision(enterpriseId: string, decidedOn: string, extra: Record<string, unknown> = {}) {
  return {
    enterpriseId,
    decisionNo: `杭市监处罚〔${decidedOn.slice(0, 4)}〕${++decisions}号`,
    decidedOn,
    severity: 'general',
    penalties: [{ type: 'fine', amount: 20_000 }],
    procedure: 'general',
    ...extra,
  };
}

/** Everything a repair application needs (the three required materials). */
export const COMPLETE_MATERIALS = Object.freeze({
  commitmentLetter: '信用修复承诺书（法定代表人签字、加盖公章）',
  fulfilmentProof: '罚款缴纳凭证 非税收入一般缴款书 No. 330100-2026-0001',
  correctionProof: '整改情况报告及现场照片',
});

export function penaltyRecords(ctx: ApiContext) {
  const base = '/api/v1/penalty-records';
  const post = (token: string, path: string, body: unknown, headers?: Record<string, string>) =>
    ctx.api.call('POST', `${base}${path}`, { token, body, headers });
  return {
    enter: (token: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      post(token, '', body, headers),
    get: (token: string, id: string) => ctx.api.call('GET', `${base}/${id}`, { token }),
    apply: (token: string, id: string, materials: Record<string, unknown> = COMPLETE_MATERIALS) =>
      post(token, `/${id}/repair-applications`, materials),
    decide: (token: string, id: string, appId: string, decision: string, reasons = '材料齐全，符合修复条件') =>
      post(token, `/${id}/repair-applications/${appId}/decision`, { decision, reasons }),
    supplement: (token: string, id: string, appId: string, body: Record<string, unknown>) =>
      post(token, `/${id}/repair-applications/${appId}/supplement`, body),
    revoke: (token: string, id: string, reason: string) => post(token, `/${id}/revocation`, { reason }),
  };
}

/** Moves the server's clock forward to `date` (Shanghai), keeping the time of day. */
export async function sleepUntil(ctx: ApiContext, date: string): Promise<void> {
  const days = daysBetween(await serverToday(ctx), date);
  if (days < 0) throw new Error(`the server clock is already past ${date}`);
  if (days > 0) await ctx.env.sleep(`${days} days`);
}

/** Notifications of one kind for one process, oldest first. */
export function outbox(ctx: ApiContext, processId: string, kind: string) {
  return ctx.database.db
    .select()
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.processId, processId), eq(notificationOutbox.kind, kind)))
    .orderBy(notificationOutbox.createdAt);
}
