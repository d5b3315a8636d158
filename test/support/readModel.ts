// What "converged" means for one case after a crash or an outage: the read model holds exactly
// what its workflow says, once: the version and status, one audit entry per history entry, its
// evidence files (rectifications), and its open steps as tasks.
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import { expect } from 'vitest';
import type { ProcessType } from '../../domain';
import type { Database } from '../../db/client';
import { auditLog, evidenceFiles, processes, tasks } from '../../db/schema';
import { REGISTER_STEPS } from '../../domain/followUps';

/** The part of a case's view (its workflow's query) that the read model mirrors. */
export interface CaseView {
  id: string;
  status: string;
  history: Array<{ action: string; reason?: string }>;
  openSteps: Array<{ step: string }>;
  /** Rectifications only. */
  submissions?: Array<{ files: Array<{ evidenceId: string }> }>;
}

export async function expectReadModelOf(
  db: Database,
  view: CaseView,
  processType: ProcessType = 'rectification',
): Promise<void> {
  const { id } = view;
  const [projection] = await db.select().from(processes).where(eq(processes.id, id));
  expect(projection?.processType).toBe(processType);
  expect(projection?.version).toBe(view.history.length);
  expect(projection?.status).toBe(view.status);
  const audit = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, processType), eq(auditLog.entityId, id)))
    .orderBy(auditLog.id);
  expect(audit.map((a) => [a.action, a.reason])).toEqual(view.history.map((h) => [h.action, h.reason ?? null]));
  const files = await db.select().from(evidenceFiles).where(eq(evidenceFiles.processId, id));
  expect(files.map((f) => f.id).sort()).toEqual(
    (view.submissions ?? []).flatMap((s) => s.files.map((f) => f.evidenceId)).sort(),
  );
  const open = await db
    .select({ step: tasks.step })
    .from(tasks)
    // Visits after a decision and repair visits are their registers' tasks (activities/followUps.ts,
    // activities/repairVisits.ts), not the workflow's steps.
    .where(and(eq(tasks.processId, id), isNull(tasks.closedAt), notInArray(tasks.step, [...REGISTER_STEPS])));
  expect(open.map((t) => t.step).sort()).toEqual(view.openSteps.map((s) => s.step).sort());
}
