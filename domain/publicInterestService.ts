// Public-interest service in lieu of a fine (公益抵罚, Changning item 5): which matters an agency
// allows it for, the terms of an offer (hours owed, acceptance window, service deadline) and the
// outcome once the service ends: the fine offset in full, or pro rata with the rest due. Money is
// counted in whole fen and service in whole minutes, so no amount is ever off by a rounding error.
import { addDays, addWorkingDays, isBefore, type CalendarDate, type DueDate } from './calendar';
import type { EnforcementMatter } from './catalog';
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';

/** The party accepts or declines within this many working days of the offer (domain spec; not a policy number). */
export const OFFSET_ACCEPTANCE_WORKING_DAYS = 5;

/** Fen in a yuan: fines are stated in yuan with at most two decimals, and computed in fen. */
const FEN_PER_YUAN = 100;
const MINUTES_PER_HOUR = 60;

/** Yuan (at most two decimals) as whole fen; Math.round absorbs binary noise such as 0.1 + 0.2. */
export const toFen = (yuan: number): number => Math.round(yuan * FEN_PER_YUAN);
export const toYuan = (fen: number): number => fen / FEN_PER_YUAN;
/** Hours (quarter hours at the finest) as whole minutes. */
export const toMinutes = (hours: number): number => Math.round(hours * MINUTES_PER_HOUR);
export const toHours = (minutes: number): number => minutes / MINUTES_PER_HOUR;

/** Whether the agency's policy allows service in lieu of a fine for the matter (by its area, or by name). */
export function checkOffsetAllowed(matter: Pick<EnforcementMatter, 'code' | 'area'>, policy: Policy): Result<true> {
  if (policy.offsetAreas.includes(matter.area) || policy.offsetMatters.includes(matter.code)) return ok(true);
  return refuse(
    'OFFSET_NOT_ALLOWED',
    `The agency does not allow public-interest service in lieu of a fine for matter ${matter.code}.`,
    [
      {
        matterCode: matter.code,
        area: matter.area,
        allowedAreas: policy.offsetAreas,
        allowedMatters: policy.offsetMatters,
      },
    ],
  );
}

export interface OffsetTerms {
  offeredOn: CalendarDate;
  fineFen: number;
  /** Service owed: the fine at the agency's rate, a started hour counting as a whole one. */
  hours: number;
  acceptanceDue: DueDate;
  /** The day by which every hour must be done and confirmed. */
  deadline: DueDate;
  yuanPerHour: number;
  proRata: boolean;
  policyVersion: string;
}

/**
 * The terms of an offer made on `offeredOn` to offset a fine of `fine` yuan. The deadline counts
 * calendar days from the offer (the party learns it with the offer), as fine payment periods do.
 */
export function offsetTerms(input: { offeredOn: CalendarDate; fine: number }, policy: Policy): Result<OffsetTerms> {
  const fineFen = toFen(input.fine);
  if (!Number.isSafeInteger(fineFen) || fineFen < 1 || Math.abs(fineFen - input.fine * FEN_PER_YUAN) > 1e-6)
    return refuse('VALIDATION_FAILED', 'The fine must be a positive amount in yuan with at most two decimals.', [
      { fine: input.fine },
    ]);
  const rateFen = policy.offsetYuanPerHour * FEN_PER_YUAN;
  return ok({
    offeredOn: input.offeredOn,
    fineFen,
    hours: Math.ceil(fineFen / rateFen),
    acceptanceDue: addWorkingDays(input.offeredOn, OFFSET_ACCEPTANCE_WORKING_DAYS),
    deadline: { date: addDays(input.offeredOn, policy.offsetServiceDays), provisional: false },
    yuanPerHour: policy.offsetYuanPerHour,
    proRata: policy.offsetProRata,
    policyVersion: policy.version,
  });
}

export type OffsetResult = 'full' | 'partial' | 'none';

export interface OffsetOutcome {
  result: OffsetResult;
  /** Yuan offset by the service (counted as waived). */
  offset: number;
  /** Yuan still due. */
  remainingFine: number;
}

/**
 * What the service achieved with `confirmedMinutes` confirmed by the deadline: every hour owed
 * offsets the whole fine; fewer offset their share of it where the policy says pro rata (rounded
 * down to the fen, so the party never owes less than the hours earned), else nothing.
 */
export function offsetOutcome(
  terms: Pick<OffsetTerms, 'fineFen' | 'hours' | 'proRata'>,
  confirmedMinutes: number,
): OffsetOutcome {
  const owedMinutes = terms.hours * MINUTES_PER_HOUR;
  const done = Math.max(0, Math.min(confirmedMinutes, owedMinutes));
  const offsetFen =
    done === owedMinutes
      ? terms.fineFen
      : terms.proRata
        ? Number((BigInt(terms.fineFen) * BigInt(done)) / BigInt(owedMinutes))
        : 0;
  const result: OffsetResult = offsetFen === terms.fineFen ? 'full' : offsetFen > 0 ? 'partial' : 'none';
  return { result, offset: toYuan(offsetFen), remainingFine: toYuan(terms.fineFen - offsetFen) };
}

/** Whether the confirmed minutes cover every hour owed. */
export const serviceComplete = (terms: Pick<OffsetTerms, 'hours'>, confirmedMinutes: number): boolean =>
  confirmedMinutes >= terms.hours * MINUTES_PER_HOUR;

/** A session must lie between the offer and today: service is logged after it is done. */
export function checkSessionDate(date: CalendarDate, offeredOn: CalendarDate, today: CalendarDate): Result<true> {
  if (isBefore(today, date))
    return refuse('DATE_IN_FUTURE', `A service session on ${date} has not happened yet.`, [{ date, today }]);
  if (isBefore(date, offeredOn))
    return refuse('DATE_OUTSIDE_PERIOD', `A service session on ${date} was before the offer of ${offeredOn}.`, [
      { date, offeredOn },
    ]);
  return ok(true);
}

/** The officer confirms a logged session within the working days a submission is reviewed in. */
export const sessionConfirmationDue = (loggedOn: CalendarDate, policy: Policy): DueDate =>
  addWorkingDays(loggedOn, policy.evidenceReviewWorkingDays);
