// Sending one request several times at once, and reading back what a case recorded, for the tests
// that prove every step atomic per case: N identical requests give one effect, never N.
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLog, creditFileEntries, evidenceFiles, processes, tasks } from '../../db/schema';
import { REGISTER_STEPS } from '../../domain/followUps';
import type { ApiContext } from './context';

export interface Answer {
  status: number;
  body: any;
}

/** Sends `n` copies of a request at the same moment (no Idempotency-Key) and returns every answer. */
export const sendAtOnce = (n: number, send: (i: number) => Promise<Answer>): Promise<Answer[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => send(i)));

/** Exactly one answer is `ok`; every other one is the refusal, `409 INVALID_STATE` by default. */
export function expectOneAccepted(answers: Answer[], ok = 200, refusal = { status: 409, code: 'INVALID_STATE' }) {
  const accepted = answers.filter((a) => a.status === ok);
  const refused = answers.filter((a) => a.status !== ok);
  expect(
    { accepted: accepted.length, refused: refused.map((a) => [a.status, a.body?.error?.code]) },
    JSON.stringify(answers.map((a) => a.body?.error ?? a.status)),
  ).toEqual({ accepted: 1, refused: refused.map(() => [refusal.status, refusal.code]) });
  return accepted[0]!;
}

const OWN_WORKFLOW_STEPS = ['document_service', 'credit_sync_overdue'];

/** How often each value occurs. */
const tally = (values: string[]) =>
  values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

/**
 * What a case has recorded, counted: its history (from the read model's view), its audit entries,
 * its credit-file entries and evidence rows, and its open tasks (which must match the view's open
 * steps one to one).
 */
export async function recordedFor(ctx: ApiContext, id: string) {
  const { db } = ctx.database;
  const [row] = await db.select({ view: processes.view }).from(processes).where(eq(processes.id, id));
  const view = row!.view as { history: Array<{ action: string }>; openSteps: Array<{ step: string }> };
  const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
  const credit = await db
    .select({ kind: creditFileEntries.kind })
    .from(creditFileEntries)
    .where(eq(creditFileEntries.processId, id));
  const open = await db
    .select({ step: tasks.step })
    .from(tasks)
    // Visits after a decision and repair visits are their registers' tasks (activities/followUps.ts,
    // activities/repairVisits.ts), not the workflow's steps.
    .where(and(eq(tasks.processId, id), isNull(tasks.closedAt), notInArray(tasks.step, [...REGISTER_STEPS])));
  const evidence = await db.select({ id: evidenceFiles.id }).from(evidenceFiles).where(eq(evidenceFiles.processId, id));
  // Tasks kept by workflows of their own rather than the case's agenda: serving a document another
  // way (workflows/documentService.ts), a platform sync overdue (workflows/creditSync.ts).
  const openSteps = open
    .map((t) => t.step)
    .filter((step) => !OWN_WORKFLOW_STEPS.includes(step))
    .sort();
  expect(openSteps, 'open tasks match the open steps of the case').toEqual(view.openSteps.map((s) => s.step).sort());
  return {
    history: tally(view.history.map((h) => h.action)),
    audit: tally(audit.map((a) => a.action)),
    creditFile: tally(credit.map((c) => c.kind)),
    openTasks: tally(openSteps),
    evidence: evidence.length,
  };
}

/** The action was recorded once: one history entry and one audit entry. */
export async function expectRecordedOnce(ctx: ApiContext, id: string, action: string) {
  const recorded = await recordedFor(ctx, id);
  expect({ history: recorded.history[action], audit: recorded.audit[action] }).toEqual({ history: 1, audit: 1 });
  return recorded;
}
