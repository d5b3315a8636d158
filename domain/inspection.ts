// Inspections under graded supervision (Changning item 12, Jimsar item 7): how many routine
// inspections (双随机 and planned) an enterprise may get in 12 months, by its grade or because it
// is whitelisted, and when a second agency's routine inspection of a whitelisted enterprise joins
// the first as one visit (进一次门、查多项事) instead of being refused. Triggered inspections
// (complaint, referral, risk signal, follow-up of a case) are never capped.
import { addDays, addMonths, daysBetween, isBefore, type CalendarDate } from './calendar';
import type { CreditGrade, Policy } from './policySettings';

export const INSPECTION_KINDS = ['routine', 'triggered'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_TRIGGERS = ['complaint', 'referral', 'risk_signal', 'case_follow_up'] as const;
export const INSPECTION_OUTCOMES = ['compliant', 'violations_found'] as const;

/**
 * The dates whose inspections count with one planned on `on`: less than 12 calendar months before
 * or after it. An inspection on 2026-03-10 counts with one on 2027-03-09, not with one on
 * 2027-03-10, so no 12-month stretch holds more than the cap.
 */
export function capWindow(on: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  return { from: addDays(addMonths(on, -12), 1), to: addDays(addMonths(on, 12), -1) };
}

export const inWindow = (window: { from: CalendarDate; to: CalendarDate }, day: CalendarDate): boolean =>
  !isBefore(day, window.from) && !isBefore(window.to, day);

export interface CapBasis {
  grade: CreditGrade;
  /** Where the grade came from: this year's graded list, or the rating today when none is fixed. */
  gradeFrom: 'supervision_list' | 'rating';
  whitelisted: boolean;
}

/** The routine inspections allowed in 12 months: by grade, and for a whitelisted enterprise at most the whitelist's. */
export function routineCap(
  basis: CapBasis,
  policy: Pick<Policy, 'routineInspectionCaps' | 'whitelistRoutineCap'>,
): number | null {
  const byGrade = policy.routineInspectionCaps[basis.grade];
  if (!basis.whitelisted) return byGrade;
  return byGrade === null ? policy.whitelistRoutineCap : Math.min(byGrade, policy.whitelistRoutineCap);
}

export interface PlannedVisit {
  id: string;
  agency: string;
  plannedOn: CalendarDate;
}

/**
 * Another agency's routine visit of a whitelisted enterprise that a new one on `on` joins: the
 * nearest within `jointVisitWithinDays` days either side, the earlier on a tie.
 */
export function jointVisitFor(
  others: readonly PlannedVisit[],
  agency: string,
  on: CalendarDate,
  policy: Pick<Policy, 'jointVisitWithinDays'>,
): PlannedVisit | undefined {
  const distance = (v: PlannedVisit) => Math.abs(daysBetween(v.plannedOn, on));
  return others
    .filter((v) => v.agency !== agency && distance(v) <= policy.jointVisitWithinDays)
    .sort((a, b) => distance(a) - distance(b) || daysBetween(b.plannedOn, a.plannedOn))[0];
}
