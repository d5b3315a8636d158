// Calendar dates and China's working-day calendar. Every deadline in the service is computed here,
// on calendar dates in Asia/Shanghai, so that workflows, the API and the tests agree to the day.
//
// Pure by construction: no current time, no time zone of the host. Dates are 'YYYY-MM-DD' strings
// and all arithmetic runs on UTC day numbers, which cannot drift with a host's local time zone.
import { DAY_OVERRIDES, FIRST_COVERED_YEAR, LAST_COVERED_YEAR } from './holidays.data';

export { HOLIDAY_DATA_SOURCE, FIRST_COVERED_YEAR, LAST_COVERED_YEAR } from './holidays.data';

/**
 * A calendar date in Asia/Shanghai, written 'YYYY-MM-DD' (the API's date format). A plain string
 * alias so that JSON and zod output flow in without casts; functions here reject malformed values.
 */
export type CalendarDate = string;

/**
 * A computed date and whether it is only provisional: `provisional` is true when the computation
 * crossed a day of a year the holiday data does not cover yet, where only weekends were assumed
 * off. Such a date may move once the State Council publishes that year's holidays.
 */
export interface DueDate {
  date: CalendarDate;
  provisional: boolean;
}

const MS_PER_DAY = 86_400_000;
// China has kept UTC+8 all year round since 1992, so Asia/Shanghai is a fixed offset.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

// --- day numbers: days since 1970-01-01, the one representation all arithmetic uses ----------

function parts(date: string): { year: number; month: number; day: number } | null {
  const match = DATE_SHAPE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return day >= 1 && month >= 1 && month <= 12 && day <= daysInMonth(year, month) ? { year, month, day } : null;
}

/** True for a real 'YYYY-MM-DD' date (2026-02-29 is not one). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && parts(value) !== null;
}

function toDayNumber(date: CalendarDate): number {
  const p = parts(date);
  if (!p) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.UTC(p.year, p.month - 1, p.day) / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): CalendarDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function assertWholeCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number >= 0, got ${n}`);
}

// --- instants and dates ---------------------------------------------------------------------

/** The Shanghai calendar date of an instant (e.g. workflow time or a request's timestamp). */
export function todayInShanghai(instant: Date): CalendarDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('todayInShanghai needs a valid instant');
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** The instant a Shanghai calendar date begins (00:00 +08:00). */
export function startOfDayInShanghai(date: CalendarDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/**
 * The instant a Shanghai calendar date ends, i.e. the next day's 00:00 +08:00: something "due on
 * D" becomes overdue at this instant, which is what a workflow timer should wait for.
 */
export function endOfDayInShanghai(date: CalendarDate): Date {
  return startOfDayInShanghai(addDays(date, 1));
}

/** The last second of a Shanghai calendar date as clients are shown it: `2026-12-02T23:59:59+08:00`. */
export const dueAtOf = (date: CalendarDate): string => `${date}T23:59:59+08:00`;

// --- calendar-day and month arithmetic ------------------------------------------------------

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * Calendar months: the same day-of-month `months` later (earlier when negative), or the last day
 * of the target month when it is shorter (2026-01-31 + 1 month = 2026-02-28), as the Civil Code
 * counts months (民法典 第二百零二条). Always add from the original date: chaining one month at a
 * time would let a clamp stick (01-31 → 02-28 → 03-28).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  const p = parts(date);
  if (!p) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return fromDayNumber(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Strictly earlier. Compares day numbers, so malformed dates throw instead of comparing as text. */
export const isBefore = (a: CalendarDate, b: CalendarDate): boolean => toDayNumber(a) < toDayNumber(b);

// --- working days (工作日) --------------------------------------------------------------------

const yearOf = (date: CalendarDate): number => Number(date.slice(0, 4));

/** Whether the holiday data knows this date's year; outside it only weekends count as off. */
export function isCoveredByHolidayData(date: CalendarDate): boolean {
  const year = yearOf(date);
  return year >= FIRST_COVERED_YEAR && year <= LAST_COVERED_YEAR;
}

function isWeekend(dayNumber: number): boolean {
  const weekday = (dayNumber + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
  return weekday === 0 || weekday === 6;
}

function isWorkingDayNumber(dayNumber: number): boolean {
  const override = DAY_OVERRIDES[fromDayNumber(dayNumber)];
  if (override !== undefined) return override === 'working';
  return !isWeekend(dayNumber);
}

/**
 * A working day is a day that is neither a weekend nor a public holiday, counting weekend days
 * declared working days (调休上班). Beyond the covered years this is weekends-only.
 */
export function isWorkingDay(date: CalendarDate): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

/**
 * Walks day by day from `start` (exclusive) in `step` direction until `n` counted working days
 * have passed. `counts` lets a caller skip days, e.g. while a review clock is paused. The result is
 * provisional when any visited day lies in a year the holiday data does not cover.
 */
function walkWorkingDays(
  start: CalendarDate,
  n: number,
  step: 1 | -1,
  counts: (date: CalendarDate) => boolean = () => true,
): DueDate {
  assertWholeCount(n, 'working days');
  let dayNumber = toDayNumber(start);
  let provisional = false;
  for (let counted = 0; counted < n;) {
    dayNumber += step;
    const date = fromDayNumber(dayNumber);
    if (!isCoveredByHolidayData(date)) provisional = true;
    if (isWorkingDayNumber(dayNumber) && counts(date)) counted += 1;
  }
  return { date: fromDayNumber(dayNumber), provisional };
}

/**
 * The "within N working days of X" rule (N 个工作日内), used for every working-day deadline:
 * day X itself does not count, whatever kind of day it is; the deadline is the Nth working day
 * after X, and the deadline day is itself a working day. N = 0 gives X.
 * Example: 2025-09-30 + 3 working days = 2025-10-11 (10-01..08 off, Saturday 10-11 worked).
 */
export function addWorkingDays(date: CalendarDate, n: number): DueDate {
  return walkWorkingDays(date, n, 1);
}

/**
 * The Nth working day before `date` (not counting `date`): "remind 3 working days before the
 * deadline" leaves exactly 3 working days between the reminder and the deadline, so
 * workingDaysBetween(subtractWorkingDays(d, n).date, d) === n.
 */
export function subtractWorkingDays(date: CalendarDate, n: number): DueDate {
  return walkWorkingDays(date, n, -1);
}

/** Working-day deadline that skips days on which a clock is paused (see creditRepair.ts). */
export function addWorkingDaysCounting(
  date: CalendarDate,
  n: number,
  counts: (date: CalendarDate) => boolean,
): DueDate {
  return walkWorkingDays(date, n, 1, counts);
}

/**
 * The number of working days d with a < d <= b, so it inverts addWorkingDays:
 * workingDaysBetween(x, addWorkingDays(x, n).date) === n. Negative when b is before a.
 */
export function workingDaysBetween(a: CalendarDate, b: CalendarDate): number {
  const [from, to] = [toDayNumber(a), toDayNumber(b)];
  if (to < from) return -workingDaysBetween(b, a);
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) if (isWorkingDayNumber(day)) count += 1;
  return count;
}

// --- statutory periods ----------------------------------------------------------------------

/** Periods the Administrative Penalty Law counts in working days (行政处罚法 第八十五条). */
const PENALTY_LAW_WORKING_DAY_PERIODS: readonly number[] = [2, 3, 5, 7];

/**
 * A period "N days after X" as the Administrative Penalty Law counts it: 2, 3, 5 and 7 days are
 * working days (第八十五条: 二日、三日、五日、七日 指工作日，不含法定节假日); any other length,
 * such as 15 days to pay a fine or 90 days, is calendar days. Calendar periods are returned as is:
 * the procedure-law rule that a period ending on a holiday moves to the next working day is not
 * applied here.
 */
export function penaltyLawPeriod(from: CalendarDate, days: number): DueDate {
  assertWholeCount(days, 'days');
  if (PENALTY_LAW_WORKING_DAY_PERIODS.includes(days)) return addWorkingDays(from, days);
  return { date: addDays(from, days), provisional: false };
}

/**
 * A due date put off by `days` calendar days, as a bulk extension does (an area closed by a flood
 * for a week): a new due date that falls on a rest day moves to the next working day, the rule for
 * a period that ends on a holiday (期间届满的最后一日是法定节假日的，以节假日后的第一日为期间届满的日期).
 */
export function postponedDue(due: DueDate, days: number): DueDate {
  assertWholeCount(days, 'days');
  const moved = addDays(due.date, days);
  const onWorkingDay = isWorkingDay(moved) ? { date: moved, provisional: false } : addWorkingDays(moved, 1);
  return {
    date: onWorkingDay.date,
    provisional: due.provisional || onWorkingDay.provisional || !isCoveredByHolidayData(moved),
  };
}
