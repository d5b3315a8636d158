// What "converged" means for one rectification after a crash or an outage: the read model holds
// exactly what its workflow says, once: the version and status, one audit entry per history entry,
// its evidence files, and its open steps as tasks.
import { and, eq, isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../db/client';
import { auditLog, evidenceFiles, processes, tasks } from '../../db/schema';
import type { RectificationView } from '../../workflows/messages';

export async function expectReadModelOf(db: Database, view: RectificationView): Promise<void> {
  const { id } = view;
  const [projection] = await db.select().from(processes).where(eq(processes.id, id));
  expect(projection?.version).toBe(view.history.length);
  expect(projection?.status).toBe(view.status);
  const audit = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'rectification'), eq(auditLog.entityId, id)))
    .orderBy(auditLog.id);
  expect(audit.map((a) => [a.action, a.reason])).toEqual(view.history.map((h) => [h.action, h.reason ?? null]));
  const files = await db.select().from(evidenceFiles).where(eq(evidenceFiles.processId, id));
  expect(files.map((f) => f.id).sort()).toEqual(
    view.submissions.flatMap((s) => s.files.map((f) => f.evidenceId)).sort(),
  );
  const open = await db
    .select({ step: tasks.step })
    .from(tasks)
    .where(and(eq(tasks.processId, id), isNull(tasks.closedAt)));
  expect(open.map((t) => t.step).sort()).toEqual(view.openSteps.map((s) => s.step).sort());
}
