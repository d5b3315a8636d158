// Telling the credit platforms (信用中国, the provincial platform) of a repair or its revocation: each
// sync-ledger entry is POSTed as JSON to CREDIT_SYNC_URL, signed with HMAC-SHA256 over the body
// (CREDIT_SYNC_SECRET) and carrying the entry's key as its Idempotency-Key, so that the platform
// applies a resend once. Every attempt is counted on the entry; a failure is thrown for Temporal to
// retry with backoff (workflows/creditSync.ts). The overdue task (not delivered by the due date) is
// a credit-staff task on the penalty record, opened and closed here.
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { processes, repairSyncLedger, tasks } from '../db/schema';

export interface CreditSyncTarget {
  url: string;
  secret: string;
}

export interface SyncDeps {
  db: Database;
  /** Unset: entries stay pending, and become overdue tasks. */
  target?: CreditSyncTarget;
  fetch?: typeof globalThis.fetch;
}

export const SIGNATURE_HEADER = 'X-Tempered-Signature';

/** `sha256=<hex>` of the body under the shared secret, as the receiver recomputes it. */
export const signatureOf = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const OVERDUE_STEP = 'credit_sync_overdue';
const taskKeyOf = (entryKey: string) => `${entryKey}:overdue`;

export function createCreditSyncActivities({ db, target, fetch = globalThis.fetch }: SyncDeps) {
  const entryOf = async (key: string) =>
    (await db.select().from(repairSyncLedger).where(eq(repairSyncLedger.key, key)))[0];

  return {
    /** Delivers one entry; true once delivered (now or before). Throws for a retry. */
    async deliverSyncEntry({ key }: { key: string }): Promise<boolean> {
      const entry = await entryOf(key);
      if (!entry) throw ApplicationFailure.nonRetryable(`No sync-ledger entry ${key}`, 'UNKNOWN_SYNC_ENTRY');
      if (entry.syncedAt) return true;
      if (!target) throw ApplicationFailure.nonRetryable('CREDIT_SYNC_URL is not set', 'SYNC_NOT_CONFIGURED');
      const body = JSON.stringify({
        idempotencyKey: entry.key,
        platform: entry.platform,
        action: entry.action,
        penaltyRecordId: entry.penaltyRecordId,
        enterpriseId: entry.enterpriseId,
        dueOn: entry.dueOn,
        sentAt: new Date().toISOString(),
      });
      let problem: string | undefined;
      let refused = false;
      try {
        const res = await fetch(target.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': entry.key,
            [SIGNATURE_HEADER]: signatureOf(target.secret, body),
          },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        if (!res.ok) problem = `HTTP ${res.status}`;
        // A 4xx other than timeout or rate limit refuses the entry as sent: sending it again
        // unchanged cannot help, so it fails at once, for credit staff to look into and retry.
        refused = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      } catch (e) {
        problem = (e as Error).message;
      }
      await db
        .update(repairSyncLedger)
        .set({
          attempts: sql`coalesce(${repairSyncLedger.attempts}, 0) + 1`,
          lastAttemptAt: new Date(),
          lastError: problem ?? null,
          ...(problem ? {} : { syncedAt: new Date(), failedAt: null }),
        })
        .where(and(eq(repairSyncLedger.key, key), isNull(repairSyncLedger.syncedAt)));
      if (problem) {
        const message = `The credit platform did not take the entry: ${problem}`;
        throw refused
          ? ApplicationFailure.nonRetryable(message, 'SYNC_REFUSED')
          : ApplicationFailure.retryable(message, 'SYNC_FAILED');
      }
      return true;
    },

    /** The retries are spent: shown as failed until credit staff retry it. */
    async markSyncFailed({ key }: { key: string }): Promise<void> {
      await db
        .update(repairSyncLedger)
        .set({ failedAt: new Date() })
        .where(and(eq(repairSyncLedger.key, key), isNull(repairSyncLedger.syncedAt)));
    },

    /** Opens (open: true) or closes the credit-staff task of an entry not delivered by its due date. */
    async syncOverdueTask({ key, open }: { key: string; open: boolean }): Promise<void> {
      const entry = await entryOf(key);
      if (!entry) return;
      if (!open) {
        await db
          .update(tasks)
          .set({ closedAt: new Date() })
          .where(and(eq(tasks.key, taskKeyOf(key)), isNull(tasks.closedAt)));
        return;
      }
      const [record] = await db
        .select({ agency: processes.agency })
        .from(processes)
        .where(eq(processes.id, entry.penaltyRecordId));
      await db
        .insert(tasks)
        .values({
          key: taskKeyOf(key),
          processType: 'penalty_record',
          processId: entry.penaltyRecordId,
          enterpriseId: entry.enterpriseId,
          agency: record?.agency ?? null,
          assigneeRole: 'credit_staff',
          step: OVERDUE_STEP,
          dueOn: entry.dueOn,
          overdue: true,
          openedAt: new Date(),
        })
        .onConflictDoNothing();
    },
  };
}
