// The domain's timelines over the whole range of dates the API takes (1949-10-01 to 2199-12-31): no
// RangeError anywhere in it, and every date they compute is a well-formed calendar date, so that
// the API's bound on what it accepts is also a bound on what can go wrong.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_RANGE } from '../../api/schemas';
import {
  DEFAULT_POLICY,
  DISPOSITIONS,
  observationTimeline,
  publicationTimeline,
  rectificationTimeline,
  SEED_MATTERS,
} from '../../domain';
import { addDays, daysBetween, isCalendarDate } from '../../domain/calendar';

const anyDate = fc
  .integer({ min: 0, max: daysBetween(DATE_RANGE.first, DATE_RANGE.last) })
  .map((offset) => addDays(DATE_RANGE.first, offset));
const edges = fc.constantFrom(DATE_RANGE.first, DATE_RANGE.last, '2000-02-29', '2100-02-28', '2199-02-28');
const dateInRange = fc.oneof(anyDate, edges);

/** The strings in `value` that look like dates (YYYY-…, or a year beyond 9999 as +YYYYYY-…). */
function datesIn(value: unknown): string[] {
  return (
    JSON.stringify(value)
      .match(/"[+-]?\d{4,}-[^"]*"/g)
      ?.map((d) => JSON.parse(d) as string) ?? []
  );
}

describe('the domain over the API date range', () => {
  it('plans an observation period of 1 to 24 months from any day', () => {
    fc.assert(
      fc.property(dateInRange, fc.integer({ min: 1, max: 24 }), (startDate, months) => {
        const timeline = observationTimeline({ startDate, months }, DEFAULT_POLICY);

        expect(datesIn(timeline).every(isCalendarDate)).toBe(true);
      }),
    );
  });

  it('orders a rectification on any day, with a date deadline or working days', () => {
    fc.assert(
      fc.property(
        dateInRange,
        fc.oneof(
          fc.integer({ min: 1, max: 365 }).map((workingDays) => ({ workingDays })),
          fc.constant(undefined),
        ),
        fc.constantFrom(...DISPOSITIONS),
        (orderedOn, deadline, disposition) => {
          const result = rectificationTimeline(
            { orderedOn, disposition, matter: SEED_MATTERS[0]!, deadline },
            DEFAULT_POLICY,
          );

          expect(result.ok).toBe(true);
          expect(datesIn(result).every(isCalendarDate)).toBe(true);
        },
      ),
    );
  });

  it('times the publication of a penalty decided on any day', () => {
    fc.assert(
      fc.property(dateInRange, dateInRange, fc.constantFrom('general', 'serious'), (decidedOn, today, severity) => {
        const timeline = publicationTimeline(
          {
            decidedOn,
            severity: severity as 'general',
            procedure: 'general',
            penalties: [{ type: 'fine', amount: 1 }],
          },
          today,
          DEFAULT_POLICY,
        );

        expect(datesIn(timeline).every(isCalendarDate)).toBe(true);
      }),
    );
  });
});
