// Side effects of graded supervision's timers (workflows/supervision/): ending a whitelist entry on
// its end date. Each is idempotent: a retried activity finds the entry ended and does nothing.
import type { Database } from '../db/client';
import { endWhitelistEntry } from '../db/supervision';

export function createSupervisionActivities(db: Database) {
  return {
    async expireWhitelistEntry({ entryId, at }: { entryId: string; at: string }): Promise<boolean> {
      const ended = await endWhitelistEntry(db, entryId, {
        as: 'expired',
        by: 'system',
        role: 'system',
        reason: 'The whitelist entry reached its end date',
        at: new Date(at),
      });
      return ended !== undefined;
    },
  };
}
