// The audit trail helper every mutation goes through: who did what to which entity, and why.
import type { Database } from './client';
import { auditLog } from './schema';

export interface AuditEntry {
  actor: string;
  role: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  requestId?: string;
  at?: Date;
}

/**
 * Pass the transaction the change itself runs in, so that change and trail commit together, and
 * record the entry after the change: the insert trigger that chains entries (db/auditChain.ts)
 * holds the trail's lock from there until commit, so no other lock should be taken after it.
 */
export async function recordAudit(db: Pick<Database, 'insert'>, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    ...entry,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    requestId: entry.requestId ?? null,
  });
}

/**
 * Creates a row and audits its creation in one transaction: `insert` returns the row, or nothing
 * when one with its key exists (ON CONFLICT DO NOTHING), which is `conflict()`'s error.
 */
export async function createAudited<R>(
  db: Database,
  insert: (tx: Pick<Database, 'insert'>) => Promise<R | undefined>,
  conflict: () => Error,
  audit: (created: R) => AuditEntry,
): Promise<R> {
  return db.transaction(async (tx) => {
    const created = await insert(tx);
    if (created === undefined) throw conflict();
    await recordAudit(tx, audit(created));
    return created;
  });
}
