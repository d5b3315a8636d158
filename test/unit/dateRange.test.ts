// The one date schema of the API: exactly the real calendar dates from 1949-10-01 to 2199-12-31, as
// the regular expression that the OpenAPI document publishes.
import { describe, expect, it } from 'vitest';
import { calendarDate, DATE_PATTERN, DATE_RANGE } from '../../api/schemas';
import { addDays, isCalendarDate } from '../../domain/calendar';

describe('DATE_PATTERN', () => {
  it('matches exactly the calendar dates of the range, day by day from 1940 to 2210', () => {
    const pattern = new RegExp(DATE_PATTERN);
    const mismatches: string[] = [];
    for (let day = '1940-01-01'; day <= '2210-12-31'; day = addDays(day, 1)) {
      const expected = day >= DATE_RANGE.first && day <= DATE_RANGE.last;
      if (pattern.test(day) !== expected) mismatches.push(day);
    }

    expect(mismatches).toEqual([]);
  });

  it.each([
    '2100-02-29',
    '2026-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '0000-01-01',
    '9999-12-31',
    '1949-09-30',
    '2200-01-01',
    '26-01-01',
    '2026-1-1',
    ' 2026-01-01',
  ])('refuses %s', (value) => {
    expect(new RegExp(DATE_PATTERN).test(value)).toBe(false);
    expect(calendarDate.safeParse(value).success).toBe(false);
  });

  it.each(['2000-02-29', '2096-02-29', '1952-02-29', '1949-10-01', '2199-12-31'])('takes %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
    expect(calendarDate.safeParse(value).success).toBe(true);
  });
});
