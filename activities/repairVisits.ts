// Visit tasks of the proactive repair service, written in the transaction that records a penalty
// record's eligibility (its `penalty_record_repair_eligible` credit-file entry): a register row and a
// credit staff task `repair_visit`, keyed by the entry so a retried recording writes them once. An
// application closes the task: the enterprise came by itself.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { repairVisits, tasks } from '../db/schema';
import { repairVisitDue } from '../domain';
import type { TransitionRecord } from './transitions';

export const repairVisitTaskKey = (recordId: string, rowKey: string): string => `${recordId}:repair_visit:${rowKey}`;

export async function planRepairVisits(
  tx: Pick<Database, 'insert' | 'update'>,
  record: TransitionRecord,
): Promise<void> {
  const { process: p } = record;
  if (p.type !== 'penalty_record') return;
  const at = new Date(record.audit[0]?.at ?? Date.now());
  // The enterprise came by itself: the visit that was to bring it is no longer anyone's task.
  if (record.audit[0]?.action === 'penalty_record.repair_applied')
    await tx
      .update(tasks)
      .set({ closedAt: at })
      .where(and(eq(tasks.processId, p.id), eq(tasks.step, 'repair_visit'), isNull(tasks.closedAt)));
  for (const entry of record.creditFile.filter((c) => c.kind === 'penalty_record_repair_eligible')) {
    const key = `${entry.key}:repair-visit`;
    const dueOn = repairVisitDue(entry.occurredOn).date;
    const base = { enterpriseId: p.enterpriseId, agency: p.agency ?? null, dueOn };
    await tx
      .insert(repairVisits)
      .values({ ...base, key, penaltyRecordId: p.id, eligibleOn: entry.occurredOn })
      .onConflictDoNothing();
    await tx
      .insert(tasks)
      .values({
        ...base,
        key: repairVisitTaskKey(p.id, key),
        processType: 'penalty_record',
        processId: p.id,
        assigneeRole: 'credit_staff',
        step: 'repair_visit',
        openedAt: at,
      })
      .onConflictDoNothing();
  }
}
