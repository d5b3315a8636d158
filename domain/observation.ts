// Observation period (观察期) rules: who may get one, for how long, and the timeline of due dates
// the workflow waits on. A period covers [startDate, endDate): on endDate it is over and awaits
// the officer's conclusion. Months are calendar months from startDate.
import { addMonths, addWorkingDays, type CalendarDate, type DueDate } from './calendar';
import { exclusionDetails, isMatterExcluded, type EnforcementMatter } from './catalog';
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';

export interface ObservationTimeline {
  startDate: CalendarDate;
  months: number;
  /** The day the enterprise is told it may decline; the consent window runs from here. */
  notifiedOn: CalendarDate;
  /** Last day to accept flexible treatment; silence until then ends the period as declined. */
  consentDue: DueDate;
  /** The day the period is over (the first day outside it) and awaits conclusion. */
  endDate: CalendarDate;
  /**
   * Check-in due dates, one every policy.checkInEveryMonths from startDate. When the months divide
   * evenly the last one falls on endDate: it is the closing check-in the conclusion builds on, so
   * a 6-month period has 6 check-ins, not 5.
   */
  checkInsDue: DueDate[];
  conclusionDue: DueDate;
  policyVersion: string;
}

/** An observation period is refused for a matter excluded by the catalog or the agency's policy. */
export function checkObservationEligibility(matter: EnforcementMatter, policy: Policy): Result<EnforcementMatter> {
  if (!isMatterExcluded(matter, policy)) return ok(matter);
  const message = `Matter ${matter.code} (${matter.area}) is excluded from observation periods.`;
  return refuse('EXCLUDED_DOMAIN', message, exclusionDetails(matter));
}

function monthsRefusal(requested: number, policy: Policy, what: string): Result<number> {
  const [min, max] = [policy.observationMinMonths, policy.observationMaxTotalMonths];
  return refuse('DURATION_OUT_OF_RANGE', `${what} must be a whole number of months from ${min} to ${max}.`, [
    { requestedMonths: requested, minMonths: min, maxTotalMonths: max },
  ]);
}

const isWholeMonths = (months: number, min: number, max: number): boolean =>
  Number.isInteger(months) && months >= min && months <= max;

/** The initial duration: policy default when not given, otherwise within the policy's bounds. */
export function checkObservationMonths(months: number | undefined, policy: Policy): Result<number> {
  const requested = months ?? policy.observationDefaultMonths;
  return isWholeMonths(requested, policy.observationMinMonths, policy.observationMaxTotalMonths)
    ? ok(requested)
    : monthsRefusal(requested, policy, 'An observation period');
}

/** An extension by `extraMonths`, giving the new total, which may not exceed the policy's maximum. */
export function checkObservationExtension(currentMonths: number, extraMonths: number, policy: Policy): Result<number> {
  const total = currentMonths + extraMonths;
  return Number.isInteger(extraMonths) && extraMonths >= 1 && total <= policy.observationMaxTotalMonths
    ? ok(total)
    : monthsRefusal(total, policy, 'An observation period with its extensions');
}

function checkInDates(startDate: CalendarDate, months: number, everyMonths: number): DueDate[] {
  const dates: DueDate[] = [];
  // Each date is counted from the start, not from the previous check-in, so the 31st stays the
  // 31st where the month has one (01-31 → 02-28 → 03-31), as the Civil Code counts months.
  // Calendar months never depend on the holiday data, so check-ins are never provisional.
  for (let k = everyMonths; k <= months; k += everyMonths) dates.push({ date: addMonths(startDate, k), provisional: false });
  return dates;
}

/**
 * The due dates of a period of `months` from `startDate` (after an extension, call it again with
 * the new total). Assumes months were checked with checkObservationMonths/Extension.
 */
export function observationTimeline(
  input: { startDate: CalendarDate; months: number; notifiedOn?: CalendarDate },
  policy: Policy,
): ObservationTimeline {
  const { startDate, months } = input;
  const notifiedOn = input.notifiedOn ?? startDate;
  const endDate = addMonths(startDate, months);
  return {
    startDate,
    months,
    notifiedOn,
    consentDue: addWorkingDays(notifiedOn, policy.consentWindowWorkingDays),
    endDate,
    checkInsDue: checkInDates(startDate, months, policy.checkInEveryMonths),
    conclusionDue: addWorkingDays(endDate, policy.conclusionWorkingDays),
    policyVersion: policy.version,
  };
}

/** Everything an officer's request to open a period needs: eligibility, duration, timeline. */
export function planObservationPeriod(
  input: { matter: EnforcementMatter; startDate: CalendarDate; months?: number; notifiedOn?: CalendarDate },
  policy: Policy,
): Result<ObservationTimeline> {
  const eligible = checkObservationEligibility(input.matter, policy);
  if (!eligible.ok) return eligible;
  const months = checkObservationMonths(input.months, policy);
  if (!months.ok) return months;
  return ok(observationTimeline({ startDate: input.startDate, months: months.value, notifiedOn: input.notifiedOn }, policy));
}
