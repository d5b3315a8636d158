import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  daysBetween,
  FIRST_COVERED_YEAR,
  isWorkingDay,
  LAST_COVERED_YEAR,
  subtractWorkingDays,
  workingDaysBetween,
} from '../../domain/calendar';

const FIRST_DAY = `${FIRST_COVERED_YEAR}-01-01`;
const coveredDate = fc
  .integer({ min: 0, max: daysBetween(FIRST_DAY, `${LAST_COVERED_YEAR}-12-31`) })
  .map((offset) => addDays(FIRST_DAY, offset));
const workingDayCount = fc.integer({ min: 0, max: 60 });

describe('working-day arithmetic properties over the covered years', () => {
  it('workingDaysBetween inverts addWorkingDays', () => {
    fc.assert(
      fc.property(coveredDate, workingDayCount, (date, n) => {
        expect(workingDaysBetween(date, addWorkingDays(date, n).date)).toBe(n);
      }),
    );
  });

  it('lands every addWorkingDays result of at least one day on a working day', () => {
    fc.assert(
      fc.property(
        coveredDate,
        workingDayCount.filter((n) => n >= 1),
        (date, n) => {
          expect(isWorkingDay(addWorkingDays(date, n).date)).toBe(true);
        },
      ),
    );
  });

  it('leaves exactly n working days between subtractWorkingDays(d, n) and a working day d', () => {
    fc.assert(
      fc.property(coveredDate, workingDayCount, (date, n) => {
        fc.pre(isWorkingDay(date)); // from a day off, the days up to it hold fewer working days
        expect(workingDaysBetween(subtractWorkingDays(date, n).date, date)).toBe(n);
      }),
    );
  });
});
