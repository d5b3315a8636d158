// The credit platforms' side of a penalty record, from the sync ledger: each entry's delivery status
// (GET /penalty-records/{id} `sync`), and the credit-staff retry of a failed one, which the entry's
// own workflow (workflows/creditSync.ts) takes as an update.
import type { Client } from '@temporalio/client';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { repairSyncLedger } from '../../db/schema';
import { creditSyncWorkflowId, retrySync } from '../../workflows/creditSync';
import { ApiError, notFound } from '../errors';
import { callWorkflow } from '../temporal';

export const syncEntrySchema = z.object({
  id: z.string().describe('The entry, for POST /sync-entries/{id}/retry'),
  platform: z.string(),
  action: z.enum(['withdraw', 'restore']),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  dueOn: z.string(),
  lastError: z.string().optional(),
  deliveredAt: z.string().optional(),
});

type LedgerRow = typeof repairSyncLedger.$inferSelect;

const statusOf = (row: LedgerRow) => (row.syncedAt ? 'delivered' : row.failedAt ? 'failed' : 'pending');

const entryOf = (row: LedgerRow): z.infer<typeof syncEntrySchema> => ({
  id: row.key,
  platform: row.platform,
  action: row.action,
  status: statusOf(row),
  attempts: row.attempts ?? 0,
  dueOn: row.dueOn,
  ...(row.lastError && !row.syncedAt ? { lastError: row.lastError } : {}),
  ...(row.syncedAt ? { deliveredAt: row.syncedAt.toISOString() } : {}),
});

export async function syncEntriesOf(db: Database, penaltyRecordId: string) {
  const rows = await db
    .select()
    .from(repairSyncLedger)
    .where(eq(repairSyncLedger.penaltyRecordId, penaltyRecordId))
    .orderBy(asc(repairSyncLedger.createdAt), asc(repairSyncLedger.key));
  return rows.map(entryOf);
}

/** Sends a failed entry again (409 INVALID_STATE unless it failed); answers its new state. */
export async function retrySyncEntry(deps: { db: Database; temporal: Client }, key: string) {
  const [row] = await deps.db.select().from(repairSyncLedger).where(eq(repairSyncLedger.key, key));
  if (!row) throw notFound('Sync entry');
  // A delivered entry's workflow may have ended (its overdue watch is over): say so, not 404.
  if (row.syncedAt) throw new ApiError(409, 'INVALID_STATE', 'The entry is delivered; only a failed entry is retried.');
  await callWorkflow(
    () => deps.temporal.workflow.getHandle(creditSyncWorkflowId(key)).executeUpdate(retrySync),
    'Sync entry',
  );
  await deps.db.update(repairSyncLedger).set({ failedAt: null }).where(eq(repairSyncLedger.key, key));
  const [now] = await deps.db.select().from(repairSyncLedger).where(eq(repairSyncLedger.key, key));
  return entryOf(now!);
}
