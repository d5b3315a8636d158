// Observation period (观察期) rules: who may get one, for how long, and the timeline of due dates
// the workflow waits on. A period covers [startDate, endDate): on endDate it is over and awaits
// the officer's conclusion. Months are calendar months from startDate.
import { addDays, addMonths, addWorkingDays, isBefore, type CalendarDate, type DueDate } from './calendar';
import { exclusionDetails, type EnforcementMatter } from './catalog';
import { isBarred } from './lists';
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';

/** Soft measures (柔性措施), the only tools used during a period. */
export const SOFT_MEASURES = [
  'education_reminder', // 教育提醒
  'persuasion_demonstration', // 劝导示范
  'warning', // 警示告诫
  'administrative_tip', // 行政提示
  'administrative_guidance', // 行政指导
  'administrative_interview', // 行政约谈
] as const;
export type SoftMeasure = (typeof SOFT_MEASURES)[number];

export const INCIDENT_HARMS = ['none', 'minor', 'serious'] as const;
export type IncidentHarm = (typeof INCIDENT_HARMS)[number];

/** Why a period ends early; a business may only withdraw. */
export const TERMINATION_REASONS = [
  'withdrawn', // the party withdraws
  'general_procedure', // switched to the general procedure
  'basis_lapsed', // the legal or policy basis lapsed
  'public_interest', // continuing would harm the public interest or others' rights
  'other',
] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

export const CONCLUSION_OUTCOMES = ['passed', 'escalated'] as const;
export type ConclusionOutcome = (typeof CONCLUSION_OUTCOMES)[number];

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

/**
 * An observation period is refused for a matter the agency's exclusions bar from one (a matter
 * resolved for the agency, domain/lists.ts), or that the catalog or the policy excludes (a bare
 * catalog matter, as periods opened before agencies had lists carry it).
 */
export function checkObservationEligibility(matter: EnforcementMatter, policy: Policy): Result<EnforcementMatter> {
  if (!isBarred(matter, 'observation', policy)) return ok(matter);
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
  for (let k = everyMonths; k <= months; k += everyMonths)
    dates.push({ date: addMonths(startDate, k), provisional: false });
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
  return ok(
    observationTimeline({ startDate: input.startDate, months: months.value, notifiedOn: input.notifiedOn }, policy),
  );
}

/** Only new-business-model enterprises (新业态新模式企业) are eligible for an observation period. */
export function checkObservationEnterprise(enterprise: { id: string; newBusinessModel: boolean }): Result<true> {
  return enterprise.newBusinessModel
    ? ok(true)
    : refuse(
        'NOT_NEW_BUSINESS_MODEL',
        `Enterprise ${enterprise.id} is not registered as a new-business-model enterprise.`,
        [{ enterpriseId: enterprise.id }],
      );
}

// --- check-ins ------------------------------------------------------------------------------

/**
 * One check-in's window: the days a soft measure counts for it. Windows tile the period without
 * gaps or overlap: the first opens on the start date, each later one the day after the previous
 * check-in was due, and each closes on its own due date.
 */
export interface CheckInWindow {
  /** 1-based, in date order. */
  number: number;
  opensOn: CalendarDate;
  due: DueDate;
}

export function checkInWindows(timeline: Pick<ObservationTimeline, 'startDate' | 'checkInsDue'>): CheckInWindow[] {
  return timeline.checkInsDue.map((due, i) => ({
    number: i + 1,
    opensOn: i === 0 ? timeline.startDate : addDays(timeline.checkInsDue[i - 1]!.date, 1),
    due,
  }));
}

/**
 * Which check-in a soft measure taken on `measuredOn` completes, given the check-ins still without
 * one: the check-in whose window contains that day; if that one is already done (or the day is
 * after the last window), the earliest undone check-in whose window had opened by then, i.e. an
 * overdue one caught up late. A measure never counts ahead for a window that has not opened, and
 * completes at most one check-in. So a missed month stays missed until an extra measure catches it
 * up, instead of every later month sliding one month late.
 */
export function checkInForMeasure(
  undone: ReadonlyArray<Pick<CheckInWindow, 'number' | 'opensOn' | 'due'>>,
  measuredOn: CalendarDate,
): number | undefined {
  const opened = undone.filter((c) => !isBefore(measuredOn, c.opensOn)).sort((a, b) => a.number - b.number);
  const current = opened.find((c) => !isBefore(c.due.date, measuredOn));
  return (current ?? opened[0])?.number;
}
