// What recording a visit of either register (follow-up visits, repair visits) does, once: in one
// transaction, take the earliest visit due (locked and skipped by a concurrent request, which then
// finds none due: 409), check its date, complete it, close its task and audit it.
import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit, type AuditEntry } from '../../db/audit';
import type { Database } from '../../db/client';
import { tasks } from '../../db/schema';
import { checkVisitDate, type CalendarDate } from '../../domain';
import { ApiError, fromRefusal } from '../errors';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface VisitRecording<Row, Out> {
  /** 'follow-up visit', 'repair visit': named in the refusals. */
  what: string;
  visitedOn: CalendarDate;
  today: CalendarDate;
  /** The earliest visit due, selected FOR UPDATE SKIP LOCKED. */
  due(tx: Tx): Promise<Row | undefined>;
  /** The day the visit may be dated from (the decision, the eligibility). */
  since(row: Row): CalendarDate;
  /** Completes the row unless it was completed meanwhile. */
  complete(tx: Tx, row: Row, recordedAt: Date): Promise<Out | undefined>;
  taskKey(row: Row): string;
  audit(row: Row): AuditEntry;
}

export function recordDueVisit<Row, Out>(db: Database, spec: VisitRecording<Row, Out>): Promise<Out> {
  return db.transaction(async (tx) => {
    const due = await spec.due(tx);
    if (!due) throw new ApiError(409, 'INVALID_STATE', `No ${spec.what} is due for this case.`);
    const dated = checkVisitDate(spec.visitedOn, spec.since(due), spec.today);
    if (!dated.ok) throw fromRefusal(dated.refusal);
    const recordedAt = new Date();
    const done = await spec.complete(tx, due, recordedAt);
    if (!done) throw new ApiError(409, 'INVALID_STATE', `The ${spec.what} has just been recorded.`);
    await tx
      .update(tasks)
      .set({ closedAt: recordedAt })
      .where(and(eq(tasks.key, spec.taskKey(due)), isNull(tasks.closedAt)));
    await recordAudit(tx, spec.audit(due));
    return done;
  });
}
