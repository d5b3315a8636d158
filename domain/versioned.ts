// Effective-dated records: an agency's policy versions and its list entries each take effect on a
// day and stay in force until a later one does. One rule picks the record in force, and one rule
// keeps new records from rewriting the past.
import { isBefore, type CalendarDate } from './calendar';
import { ok, refuse, type Result } from './refusal';

export interface EffectiveDated {
  effectiveFrom: CalendarDate;
  /** Grows by one with every record of the same subject; breaks ties between records of one day. */
  revision: number;
}

/**
 * The record in force on `on`: of those effective by then, the latest effective day, and on that
 * day the latest revision. Records are a schedule, not a stack: a later revision effective on an
 * earlier day governs only until the day an earlier revision was scheduled from.
 */
export function inForceOn<T extends EffectiveDated>(records: readonly T[], on: CalendarDate): T | undefined {
  let best: T | undefined;
  for (const record of records) {
    if (isBefore(on, record.effectiveFrom)) continue;
    if (
      best === undefined ||
      isBefore(best.effectiveFrom, record.effectiveFrom) ||
      (best.effectiveFrom === record.effectiveFrom && best.revision < record.revision)
    )
      best = record;
  }
  return best;
}

/**
 * A new record may take effect today or later, never before: cases opened in the past were decided
 * under what was in force then, and the published history of the lists must stay true.
 */
export function checkNotRetroactive(effectiveFrom: CalendarDate, today: CalendarDate, what: string): Result<true> {
  return isBefore(effectiveFrom, today)
    ? refuse('RETROACTIVE_POLICY', `${what} cannot take effect in the past (${effectiveFrom}); today is ${today}.`, [
        { effectiveFrom, today },
      ])
    : ok(true);
}
