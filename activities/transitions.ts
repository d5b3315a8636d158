// The one activity every process workflow calls after a state change: it writes the process read
// model, its audit entries, credit-file entries, task changes, evidence metadata and sync-ledger
// entries in one transaction, then hands notifications to the Notifier. Every row has a deterministic key, so a
// retried activity writes nothing twice, and the read model only moves to a newer version.
import { ApplicationFailure } from '@temporalio/activity';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { isAdverseEntry } from '../domain/creditFile';
import { todayInShanghai } from '../domain/calendar';
import { recordRating } from '../db/ratings';
import { isPermanentDataError, sqlStateOf } from '../db/errors';
import { auditLog, creditFileEntries, evidenceFiles, processes, repairSyncLedger, tasks } from '../db/schema';
import type { AssigneeRole, CaseType, ProcessType } from '../domain';
import type { CreditFileEntry } from '../workflows/messages';
import { policyOn } from '../db/policies';
import { registerFollowUps } from './followUps';
import { planRepairVisits } from './repairVisits';
import type { Notification, Notifier } from './notifier';

export interface ProcessSnapshot {
  type: CaseType;
  id: string;
  workflowId: string;
  runId: string;
  enterpriseId: string;
  agency?: string;
  matterCode?: string;
  violationOn?: string;
  status: string;
  version: number;
  openedAt: string;
  /** The full state the API shows, as the workflow's query returns it. */
  view: unknown;
}

export interface AuditEvent {
  key: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

export interface TaskChange {
  key: string;
  assigneeRole: AssigneeRole;
  step: string;
  dueOn: string;
  overdue: boolean;
}

export interface EvidenceRecord {
  id: string;
  round: number;
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

/** A penalty record to withdraw from (repair) or restore on (revocation) one publication platform. */
export interface SyncLedgerEntry {
  key: string;
  platform: string;
  action: 'withdraw' | 'restore';
  dueOn: string;
}

/** An objection's effect on the entry it disputes: marked disputed while pending, then corrected or removed. */
export interface CreditFileAmendment {
  entryKey: string;
  disputed: boolean;
  /** The corrected text; the first text is kept in `original_summary`. */
  summary?: string;
  removed?: boolean;
}

export interface TransitionRecord {
  process: ProcessSnapshot;
  audit: AuditEvent[];
  creditFile: CreditFileEntry[];
  /** Open or update these steps' tasks (due date, overdue flag). */
  openTasks: TaskChange[];
  closeTasks: string[];
  evidence: EvidenceRecord[];
  notifications: Notification[];
  /** Penalty records only: what each publication platform must be told. */
  syncLedger?: SyncLedgerEntry[];
  /** Objections only. */
  creditFileAmendment?: CreditFileAmendment;
}

/**
 * What recordTransition throws for a change Postgres refuses as data (db/errors.ts): non-retryable,
 * so that the workflow refuses the step instead of retrying it for ever. Anything else (an
 * unreachable database, a serialisation conflict) stays retryable, and the step waits for it.
 */
/**
 * An objection's change to the entry it disputes, then the grade again (a removed entry no longer
 * counts). Idempotent: a retry sets the same values; the first text is kept once.
 */
async function amendEntry(
  tx: Pick<Database, 'update' | 'select' | 'insert' | 'execute'>,
  amendment: CreditFileAmendment,
  p: ProcessSnapshot,
  at: Date,
) {
  await tx
    .update(creditFileEntries)
    .set({
      disputed: amendment.disputed,
      ...(amendment.summary === undefined
        ? {}
        : {
            originalSummary: sql`coalesce(${creditFileEntries.originalSummary}, ${creditFileEntries.summary})`,
            summary: amendment.summary,
          }),
      ...(amendment.removed
        ? { removedAt: sql`coalesce(${creditFileEntries.removedAt}, ${at.toISOString()}::timestamptz)` }
        : {}),
    })
    .where(eq(creditFileEntries.key, amendment.entryKey));
  if (amendment.summary !== undefined || amendment.removed)
    await recordRating(tx, p.enterpriseId, p.agency ?? null, todayInShanghai(at), `${p.id}:${p.version}`);
}

function unstorable(e: unknown): unknown {
  if (!isPermanentDataError(e)) return e;
  const sqlState = sqlStateOf(e);
  const { message } = ((e as { cause?: Error }).cause ?? e) as Error;
  return ApplicationFailure.nonRetryable(
    `The change cannot be stored (SQLSTATE ${sqlState}): ${message}`,
    'UNSTORABLE_DATA',
    {
      sqlState,
    },
  );
}

export function createTransitionActivities(db: Database, notifier: Notifier) {
  const activities = {
    async recordTransition(record: TransitionRecord): Promise<void> {
      const { process: p } = record;
      const at = new Date(record.audit[0]?.at ?? Date.now());
      await db.transaction(async (tx) => {
        const row = {
          id: p.id,
          processType: p.type,
          workflowId: p.workflowId,
          runId: p.runId,
          enterpriseId: p.enterpriseId,
          agency: p.agency ?? null,
          matterCode: p.matterCode ?? null,
          violationOn: p.violationOn ?? null,
          status: p.status,
          version: p.version,
          view: p.view,
          openedAt: new Date(p.openedAt),
          updatedAt: at,
        };
        await tx
          .insert(processes)
          .values(row)
          .onConflictDoUpdate({
            target: processes.id,
            set: {
              status: row.status,
              runId: row.runId,
              version: row.version,
              view: row.view,
              updatedAt: row.updatedAt,
            },
            setWhere: sql`${processes.version} < excluded.version`,
          });
        if (record.creditFile.length > 0) {
          await tx
            .insert(creditFileEntries)
            .values(
              record.creditFile.map((c) => ({
                ...c,
                details: c.details ?? null,
                // Declines and withdrawals are recorded, never held against the business.
                adverse: isAdverseEntry(c.kind, c.details),
                enterpriseId: p.enterpriseId,
                // Only the enforcement processes write entries (an objection amends one: below).
                processType: p.type as ProcessType,
                processId: p.id,
              })),
            )
            .onConflictDoNothing();
          // The grade follows the file in the same transaction (graded supervision, docs/supervision.md).
          await recordRating(tx, p.enterpriseId, p.agency ?? null, todayInShanghai(at), record.creditFile[0]!.key);
        }
        if (record.creditFileAmendment) await amendEntry(tx, record.creditFileAmendment, p, at);
        // One statement for all of the case's open steps (they are re-sent with every change).
        if (record.openTasks.length > 0) {
          await tx
            .insert(tasks)
            .values(
              record.openTasks.map((t) => ({
                ...t,
                processType: p.type,
                processId: p.id,
                enterpriseId: p.enterpriseId,
                agency: p.agency ?? null,
                openedAt: at,
              })),
            )
            .onConflictDoUpdate({
              target: tasks.key,
              set: { dueOn: sql`excluded.due_on`, overdue: sql`excluded.overdue` },
              setWhere: isNull(tasks.closedAt),
            });
        }
        if (record.closeTasks.length > 0) {
          await tx
            .update(tasks)
            .set({ closedAt: at })
            .where(and(inArray(tasks.key, record.closeTasks), isNull(tasks.closedAt)));
        }
        if (record.evidence.length > 0) {
          await tx
            .insert(evidenceFiles)
            .values(
              record.evidence.map((e) => ({
                ...e,
                processId: p.id,
                uploadedAt: new Date(e.uploadedAt),
              })),
            )
            .onConflictDoNothing();
        }
        if (record.syncLedger?.length) {
          await tx
            .insert(repairSyncLedger)
            .values(
              record.syncLedger.map((s) => ({
                ...s,
                penaltyRecordId: p.id,
                enterpriseId: p.enterpriseId,
              })),
            )
            .onConflictDoNothing();
        }
        await registerFollowUps(tx, record, (agency, on) => policyOn(tx, agency, on));
        await planRepairVisits(tx, record);
        // Last, because the audit trail's insert trigger serialises writers from their first entry
        // until they commit (to keep its hash chain linear): the shorter that stretch, the better,
        // and with no lock taken after it, no deadlock. Only a duplicate event key is skipped; any
        // other conflict (a fork of the chain, refused by its unique prev_hash) must fail loudly.
        if (record.audit.length > 0) {
          await tx
            .insert(auditLog)
            .values(
              record.audit.map((a) => ({
                eventKey: a.key,
                at: new Date(a.at),
                actor: a.actor,
                role: a.role,
                action: a.action,
                entityType: p.type,
                entityId: p.id,
                reason: a.reason ?? null,
                before: a.before ?? null,
                after: a.after ?? null,
              })),
            )
            .onConflictDoNothing({ target: auditLog.eventKey });
        }
      });
      await notifier.notify(record.notifications);
    },
  };
  return {
    recordTransition: (record: TransitionRecord): Promise<void> =>
      activities.recordTransition(record).catch((e: unknown) => Promise.reject(unstorable(e))),
  };
}
