import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  endOfDayInShanghai,
  FIRST_COVERED_YEAR,
  isCalendarDate,
  isCoveredByHolidayData,
  isWorkingDay,
  LAST_COVERED_YEAR,
  penaltyLawPeriod,
  postponedDue,
  startOfDayInShanghai,
  subtractWorkingDays,
  todayInShanghai,
  workingDaysBetween,
} from '../../domain/calendar';

const FIRST_UNCOVERED_YEAR = LAST_COVERED_YEAR + 1;

describe('official working-day calendar', () => {
  it.each([
    ['2026-02-14', 'Saturday worked for the Spring Festival (调休)', true],
    ['2026-02-28', 'Saturday worked for the Spring Festival (调休)', true],
    ['2026-02-16', 'Spring Festival Monday', false],
    ['2026-02-23', 'last day of the Spring Festival break', false],
    ['2026-09-20', 'Sunday worked for National Day (调休)', true],
    ['2026-10-01', 'National Day', false],
    ['2026-10-05', 'National Day week Monday', false],
    ['2026-10-07', 'last day of National Day week', false],
    ['2026-10-08', 'Thursday after National Day week', true],
    ['2026-10-10', 'Saturday worked for National Day (调休)', true],
    ['2025-09-28', 'Sunday worked for National Day 2025 (调休)', true],
    ['2025-10-06', 'Mid-Autumn inside National Day 2025', false],
    ['2025-10-08', 'last day of the 2025 National Day/Mid-Autumn break', false],
    ['2025-10-11', 'Saturday worked for National Day 2025 (调休)', true],
    ['2026-03-07', 'an ordinary Saturday', false],
    ['2026-03-09', 'an ordinary Monday', true],
  ])('%s (%s) is a working day: %s', (date, _why, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'])(
    'gives no working day during National Day week 2026: %s',
    (date) => {
      expect(isWorkingDay(date)).toBe(false);
    },
  );

  it('counts 248 working days in 2025, as the State Council notice implies', () => {
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });
});

describe('addWorkingDays: "within N working days of X" excludes X and ends on the Nth working day after it', () => {
  it.each([
    // 2025 National Day + Mid-Autumn: 10-01..08 off, Sunday 09-28 and Saturday 10-11 worked
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    ['2025-09-26', 10, '2025-10-16'],
    ['2025-10-01', 1, '2025-10-09'], // starting on a holiday: the start never counts
    // 2026 Spring Festival: 02-15..23 off, Saturdays 02-14 and 02-28 worked
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-12', 5, '2026-02-26'],
    ['2026-02-24', 4, '2026-02-28'],
    // 2026 National Day: Sunday 09-20 worked
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-30', 1, '2026-10-08'],
    // an ordinary week, and zero days
    ['2026-03-06', 5, '2026-03-13'],
    ['2026-03-06', 0, '2026-03-06'],
  ])('%s + %i working days = %s', (start, n, expected) => {
    expect(addWorkingDays(start, n)).toEqual({ date: expected, provisional: false });
  });
});

describe('subtractWorkingDays: the Nth working day before a date', () => {
  it.each([
    ['2025-10-09', 3, '2025-09-28'],
    ['2026-02-24', 1, '2026-02-14'],
    ['2026-10-08', 1, '2026-09-30'],
    ['2026-02-26', 5, '2026-02-12'],
  ])('%s - %i working days = %s', (start, n, expected) => {
    expect(subtractWorkingDays(start, n)).toEqual({ date: expected, provisional: false });
  });
});

describe('workingDaysBetween counts working days d with a < d <= b', () => {
  it.each([
    ['2025-09-30', '2025-10-09', 1],
    ['2025-09-26', '2025-10-16', 10],
    ['2026-02-13', '2026-02-28', 6],
    ['2026-03-09', '2026-03-09', 0],
    ['2025-10-16', '2025-09-26', -10],
  ])('from %s to %s: %i', (a, b, expected) => {
    expect(workingDaysBetween(a, b)).toBe(expected);
  });
});

describe('addMonths counts calendar months and clamps to the end of a shorter month', () => {
  it.each([
    ['2026-04-10', 3, '2026-07-10'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2028-01-29', 1, '2028-02-29'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', 3, '2026-06-30'],
    ['2026-10-31', 1, '2026-11-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 24, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-06-15', -24, '2024-06-15'],
  ])('%s + %i months = %s', (start, months, expected) => {
    expect(addMonths(start, months)).toBe(expected);
  });
});

describe('Shanghai dates of instants (UTC+8, no DST)', () => {
  it.each([
    ['2026-03-31T15:59:59.999Z', '2026-03-31'],
    ['2026-03-31T16:00:00.000Z', '2026-04-01'],
    ['2026-01-01T00:00:00+08:00', '2026-01-01'],
    ['2025-12-31T23:59:59-05:00', '2026-01-01'],
    ['2026-07-01T12:00:00Z', '2026-07-01'],
  ])('the instant %s falls on %s in Shanghai', (instant, expected) => {
    expect(todayInShanghai(new Date(instant))).toBe(expected);
  });

  it('starts and ends a Shanghai day at midnight +08:00', () => {
    expect(startOfDayInShanghai('2026-04-01').toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(endOfDayInShanghai('2026-04-01').toISOString()).toBe('2026-04-01T16:00:00.000Z');
  });

  it('refuses an invalid instant', () => {
    expect(() => todayInShanghai(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('dates beyond the holiday data are provisional', () => {
  it('knows the years from the first to the last covered one, and no others', () => {
    expect(isCoveredByHolidayData(`${FIRST_COVERED_YEAR}-01-01`)).toBe(true);
    expect(isCoveredByHolidayData(`${LAST_COVERED_YEAR}-12-31`)).toBe(true);
    expect(isCoveredByHolidayData(`${FIRST_UNCOVERED_YEAR}-01-01`)).toBe(false);
    expect(isCoveredByHolidayData(`${FIRST_COVERED_YEAR - 1}-12-31`)).toBe(false);
  });

  it('keeps a deadline inside the last covered year firm', () => {
    expect(addWorkingDays(`${LAST_COVERED_YEAR}-12-01`, 5).provisional).toBe(false);
  });

  it('flags a deadline that falls in the first uncovered year', () => {
    const due = addWorkingDays(`${LAST_COVERED_YEAR}-12-24`, 10);
    expect(due.date.startsWith(`${FIRST_UNCOVERED_YEAR}-`)).toBe(true);
    expect(due.provisional).toBe(true);
  });

  it('flags a count backwards into a year before the data', () => {
    expect(subtractWorkingDays(`${FIRST_COVERED_YEAR}-01-05`, 10).provisional).toBe(true);
  });

  it('treats an uncovered year by weekends only, so its New Year may read as a working day', () => {
    // Given the first week of the first uncovered year
    const week = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(`${FIRST_UNCOVERED_YEAR}-01-01`, i));
    // Then exactly its Monday-to-Friday days are working days
    const weekdays = week.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()).map((w) => w !== 0 && w !== 6);
    expect(week.map(isWorkingDay)).toEqual(weekdays);
  });
});

describe('Administrative Penalty Law periods', () => {
  it.each([
    [2, '2025-10-10', 'working days'],
    [3, '2025-10-11', 'working days'],
    [5, '2025-10-14', 'working days'],
    [7, '2025-10-16', 'working days'],
    [15, '2025-10-15', 'calendar days'],
    [90, '2025-12-29', 'calendar days'],
  ])('%i days after 2025-09-30 ends on %s (%s)', (days, expected) => {
    expect(penaltyLawPeriod('2025-09-30', days)).toEqual({ date: expected, provisional: false });
  });
});

describe('calendar date validation', () => {
  it.each([
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-2-1', false],
    ['2026-02-01T00:00:00Z', false],
    [20260201, false],
  ])('%s is a calendar date: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('throws on arithmetic with a malformed date instead of guessing', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026/02/01', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-01', -1)).toThrow(RangeError);
  });
});

describe('postponedDue: a bulk extension by calendar days, ending on a working day', () => {
  const firm = (date: string) => ({ date, provisional: false });

  it('moves a due date by whole calendar days when that lands on a working day', () => {
    expect(postponedDue(firm('2026-11-23'), 7)).toEqual(firm('2026-11-30'));
  });

  it('moves a date that lands on a weekend to the Monday after', () => {
    expect(postponedDue(firm('2026-11-20'), 8)).toEqual(firm('2026-11-30'));
  });

  it('moves a date that lands in a holiday past the whole holiday (National Day 2025)', () => {
    expect(postponedDue(firm('2025-09-24'), 7)).toEqual(firm('2025-10-09'));
  });

  it('is provisional when it lands in a year the holiday data does not cover, or when the input was', () => {
    expect(postponedDue(firm(`${LAST_COVERED_YEAR}-12-28`), 7).provisional).toBe(true);
    expect(postponedDue({ date: '2026-11-23', provisional: true }, 7)).toEqual({
      date: '2026-11-30',
      provisional: true,
    });
  });

  it('refuses a count that is not a whole number of days', () => {
    expect(() => postponedDue(firm('2026-11-23'), 1.5)).toThrow(RangeError);
  });
});
