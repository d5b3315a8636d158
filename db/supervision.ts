// Reads behind graded supervision: whitelist entries in force, routine inspections in a cap window,
// and the graded list an agency fixed for a year (docs/supervision.md).
import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import type { CalendarDate } from '../domain/calendar';
import type { CreditGrade } from '../domain/policySettings';
import { recordAudit } from './audit';
import type { Database } from './client';
import { inspections, supervisionLists, whitelistEntries } from './schema';

type Reader = Pick<Database, 'select'>;

/** One enterprise of a fixed graded list. */
export interface SupervisionListEntry {
  enterpriseId: string;
  grade: CreditGrade;
  whitelisted: boolean;
  /** Routine inspections per 12 months; null: not capped. */
  cap: number | null;
}

/** Whitelist entries (of any agency, or of one) in force on `on`: not ended, `on` within their validity. */
export function whitelistedOn(db: Reader, on: CalendarDate, filter: { enterpriseId?: string; agency?: string } = {}) {
  return db
    .select()
    .from(whitelistEntries)
    .where(
      and(
        isNull(whitelistEntries.endedAs),
        lte(whitelistEntries.validFrom, on),
        gte(whitelistEntries.validUntil, on),
        filter.enterpriseId ? eq(whitelistEntries.enterpriseId, filter.enterpriseId) : undefined,
        filter.agency ? eq(whitelistEntries.agency, filter.agency) : undefined,
      ),
    );
}

/** The enterprise's routine inspections planned or done within the window, of one agency or all. */
export function routineInspectionsIn(
  db: Reader,
  enterpriseId: string,
  window: { from: CalendarDate; to: CalendarDate },
  agency?: string,
) {
  return db
    .select()
    .from(inspections)
    .where(
      and(
        eq(inspections.enterpriseId, enterpriseId),
        eq(inspections.kind, 'routine'),
        gte(inspections.plannedOn, window.from),
        lte(inspections.plannedOn, window.to),
        agency ? eq(inspections.agency, agency) : undefined,
      ),
    );
}

/** The graded list the agency fixed for `year`, if it did. */
export async function supervisionListOf(db: Reader, agency: string, year: number) {
  const [row] = await db
    .select()
    .from(supervisionLists)
    .where(and(eq(supervisionLists.agency, agency), eq(supervisionLists.year, year)));
  return row ? { ...row, entries: row.entries as SupervisionListEntry[] } : undefined;
}

export interface WhitelistEnding {
  as: 'removed' | 'expired';
  by: string;
  role: string;
  reason: string;
  at: Date;
  requestId?: string;
}

/**
 * Ends a whitelist entry once, with its audit entry in the same transaction; undefined when it had
 * ended already (a retried expiry, or a removal racing the timer: the first one wins).
 */
export async function endWhitelistEntry(db: Database, id: string, ending: WhitelistEnding) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(whitelistEntries).where(eq(whitelistEntries.id, id));
    const [row] = await tx
      .update(whitelistEntries)
      .set({ endedAs: ending.as, endedAt: ending.at, endedBy: ending.by, endReason: ending.reason })
      .where(and(eq(whitelistEntries.id, id), isNull(whitelistEntries.endedAs)))
      .returning();
    if (!row) return undefined;
    await recordAudit(tx, {
      actor: ending.by,
      role: ending.role,
      action: `whitelist.${ending.as}`,
      entityType: 'whitelist_entry',
      entityId: id,
      before,
      after: row,
      reason: ending.reason,
      requestId: ending.requestId,
      at: ending.at,
    });
    return row;
  });
}
