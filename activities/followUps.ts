// The register of follow-up visits, kept in the same transaction as the change that calls for one:
// a decision that calls for a visit (domain/followUps.ts) adds a row due the agency's days after it
// and an officer task; a rectification's acceptance adds its row (its visit is a step of its own
// workflow), and its recorded visit completes it. Keys derive from the change, so a retried
// recording writes nothing twice.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { followUpVisits, tasks } from '../db/schema';
import { FOLLOW_UP_DECISIONS, followUpDueOn, isBefore, isProcessType, todayInShanghai, type Policy } from '../domain';
import type { FollowUp } from '../workflows/messages';
import type { TransitionRecord } from './transitions';

type Tx = Pick<Database, 'insert' | 'update'>;

/** The task key of the visit a register row awaits (rectifications' visits are their workflow's own). */
export const followUpTaskKey = (processId: string, rowKey: string): string => `${processId}:follow_up_visit:${rowKey}`;

export async function registerFollowUps(
  tx: Tx,
  record: TransitionRecord,
  policyOf: (agency: string, on: string) => Promise<Policy>,
): Promise<void> {
  const { process: p } = record;
  // Decisions of enforcement processes call for visits; an objection's outcome does not.
  if (!p.agency || !isProcessType(p.type)) return;
  const at = new Date(record.audit[0]?.at ?? Date.now());
  const today = todayInShanghai(at);
  const base = { processType: p.type, processId: p.id, enterpriseId: p.enterpriseId, agency: p.agency };
  for (const entry of record.creditFile.filter((c) => FOLLOW_UP_DECISIONS.includes(c.kind))) {
    const dueOn = followUpDueOn(entry.occurredOn, await policyOf(p.agency, entry.occurredOn));
    // A decision loaded long after it was made (a back-dated penalty record) is past its visit.
    if (isBefore(dueOn, today)) continue;
    const key = `${entry.key}:follow-up`;
    await tx
      .insert(followUpVisits)
      .values({ ...base, key, decision: entry.kind, decidedOn: entry.occurredOn, dueOn })
      .onConflictDoNothing();
    await tx
      .insert(tasks)
      .values({
        ...base,
        key: followUpTaskKey(p.id, key),
        assigneeRole: 'officer',
        step: 'follow_up_visit',
        dueOn,
        openedAt: at,
      })
      .onConflictDoNothing();
  }
  await rectificationVisit(tx, record, base, today);
}

async function rectificationVisit(
  tx: Tx,
  record: TransitionRecord,
  base: Pick<typeof followUpVisits.$inferInsert, 'processType' | 'processId' | 'enterpriseId' | 'agency'>,
  today: string,
): Promise<void> {
  if (record.process.type !== 'rectification') return;
  const action = record.audit[0]?.action;
  const key = `${record.process.id}:rectification-follow-up`;
  const due = record.openTasks.find((t) => t.step === 'follow_up');
  if (action === 'rectification.evidence_accepted' && due) {
    await tx
      .insert(followUpVisits)
      .values({ ...base, key, decision: 'rectification_accepted', decidedOn: today, dueOn: due.dueOn })
      .onConflictDoNothing();
  }
  if (action !== 'rectification.closed' && action !== 'rectification.recurred') return;
  const visit = (record.process.view as { followUps?: FollowUp[] }).followUps?.at(-1);
  if (!visit) return;
  await tx
    .update(followUpVisits)
    .set({
      visitedOn: visit.visitedOn,
      corrected: visit.corrected ?? visit.outcome === 'compliant',
      opinion: visit.opinion ?? null,
      comments: visit.comments ?? null,
      note: visit.note,
      recordedBy: visit.recordedBy,
      recordedAt: new Date(record.audit[0]!.at),
    })
    .where(and(eq(followUpVisits.key, key), isNull(followUpVisits.visitedOn)));
}
