// Side effects of graded supervision's timers (workflows/supervision/): ending a whitelist entry on
// its end date, reminding agencies of the year's graded list, fixing the lists nobody fixed by
// January 31. Each is idempotent: a retried activity finds its work done and does nothing more.
import { auditLog, agencies } from '../db/schema';
import type { Database } from '../db/client';
import { endWhitelistEntry } from '../db/supervision';
import { fixSupervisionList, listFixedFor } from '../db/supervisionLists';
import { listDeadline, todayInShanghai } from '../domain';

const SYSTEM = { by: 'system', role: 'system' } as const;

/** The agencies whose list for `year` is not fixed. */
async function agenciesWithoutList(db: Database, year: number): Promise<string[]> {
  const [all, fixed] = await Promise.all([db.select({ id: agencies.id }).from(agencies), listFixedFor(db, year)]);
  const done = new Set(fixed.map((f) => f.agency));
  return all.map((a) => a.id).filter((id) => !done.has(id));
}

export function createSupervisionActivities(db: Database) {
  return {
    async expireWhitelistEntry({ entryId, at }: { entryId: string; at: string }): Promise<boolean> {
      const ended = await endWhitelistEntry(db, entryId, {
        ...SYSTEM,
        as: 'expired',
        reason: 'The whitelist entry reached its end date',
        at: new Date(at),
      });
      return ended !== undefined;
    },

    /** One reminder per agency and year in the audit trail, which admins read (GET /audit). */
    async remindSupervisionLists({ year, at }: { year: number; at: string }): Promise<string[]> {
      const waiting = await agenciesWithoutList(db, year);
      if (waiting.length === 0) return [];
      await db
        .insert(auditLog)
        .values(
          waiting.map((agency) => ({
            eventKey: `supervision_list:${agency}:${year}:reminder`,
            at: new Date(at),
            actor: SYSTEM.by,
            role: SYSTEM.role,
            action: 'supervision_list.reminder',
            entityType: 'supervision_list',
            entityId: `${agency}:${year}`,
            reason: `The graded list for ${year} is to be fixed by ${listDeadline(year)}; unfixed then, it is fixed automatically.`,
          })),
        )
        .onConflictDoNothing({ target: auditLog.eventKey });
      return waiting;
    },

    async fixMissingSupervisionLists({ year, at }: { year: number; at: string }): Promise<string[]> {
      const waiting = await agenciesWithoutList(db, year);
      const today = todayInShanghai(new Date(at));
      for (const agency of waiting)
        await fixSupervisionList(db, agency, year, {
          ...SYSTEM,
          how: 'automatic',
          late: false,
          reason: `Nobody fixed it by ${listDeadline(year)}`,
          today,
        });
      return waiting;
    },
  };
}
