import { describe, expect, it } from 'vitest';
import { findMatter } from '../../domain/catalog';
import { DEFAULT_POLICY } from '../../domain/policies';
import { policyWith } from '../support/policyWith';
import {
  checkOffsetAllowed,
  checkSessionDate,
  offsetOutcome,
  offsetTerms,
  serviceComplete,
} from '../../domain/publicInterestService';

describe('which matters allow service in lieu of a fine', () => {
  it('allows the areas of the policy (transport and public security by default) and matters it names', () => {
    const transport = findMatter('TR-001')!;
    const market = findMatter('MS-002')!;

    expect(checkOffsetAllowed(transport, DEFAULT_POLICY).ok).toBe(true);
    expect(checkOffsetAllowed(market, DEFAULT_POLICY)).toMatchObject({
      ok: false,
      refusal: { code: 'OFFSET_NOT_ALLOWED' },
    });
    expect(checkOffsetAllowed(market, policyWith({ offsetMatters: ['MS-002'] })).ok).toBe(true);
    expect(checkOffsetAllowed(transport, policyWith({ offsetAreas: [] })).ok).toBe(false);
  });
});

describe('the terms of an offer', () => {
  it('owes the fine at the rate, a started hour counting whole; 5 working days to answer; the deadline in calendar days', () => {
    // 2026-09-30 (Wednesday) is before the National Day holiday (10-01..07); 10-09 and 10-10 are working days.
    const terms = offsetTerms({ offeredOn: '2026-09-30', fine: 333 }, DEFAULT_POLICY);

    expect(terms).toMatchObject({
      ok: true,
      value: {
        fineFen: 33_300,
        hours: 7,
        acceptanceDue: { date: '2026-10-13', provisional: false },
        deadline: { date: '2026-10-30', provisional: false },
      },
    });
    expect(offsetTerms({ offeredOn: '2026-09-30', fine: 350 }, DEFAULT_POLICY)).toMatchObject({ value: { hours: 7 } });
    expect(offsetTerms({ offeredOn: '2026-09-30', fine: 0.01 }, DEFAULT_POLICY)).toMatchObject({ value: { hours: 1 } });
  });

  it('follows the agency rate and service days', () => {
    const terms = offsetTerms(
      { offeredOn: '2026-03-02', fine: 1000 },
      policyWith({ offsetYuanPerHour: 100, offsetServiceDays: 60 }),
    );

    expect(terms).toMatchObject({ value: { hours: 10, deadline: { date: '2026-05-01' } } });
  });

  it('refuses a fine of nothing, or with fractions of a fen', () => {
    expect(offsetTerms({ offeredOn: '2026-03-02', fine: 0 }, DEFAULT_POLICY).ok).toBe(false);
    expect(offsetTerms({ offeredOn: '2026-03-02', fine: 1.005 }, DEFAULT_POLICY).ok).toBe(false);
  });
});

describe('the outcome', () => {
  const terms = { fineFen: 33_300, hours: 7, proRata: true };

  it('offsets the whole fine once every hour is confirmed, and never more than the fine', () => {
    expect(offsetOutcome(terms, 7 * 60)).toEqual({ result: 'full', offset: 333, remainingFine: 0 });
    expect(offsetOutcome(terms, 9 * 60)).toEqual({ result: 'full', offset: 333, remainingFine: 0 });
    expect(serviceComplete(terms, 7 * 60 - 1)).toBe(false);
    expect(serviceComplete(terms, 7 * 60)).toBe(true);
  });

  it('offsets pro rata, rounded down to the fen, so offset and remainder always add up to the fine', () => {
    expect(offsetOutcome(terms, 3 * 60)).toEqual({ result: 'partial', offset: 142.71, remainingFine: 190.29 });
    expect(offsetOutcome(terms, 1)).toEqual({ result: 'partial', offset: 0.79, remainingFine: 332.21 });
    for (let minutes = 0; minutes <= 7 * 60; minutes += 15) {
      const { offset, remainingFine } = offsetOutcome(terms, minutes);
      expect(Math.round(offset * 100) + Math.round(remainingFine * 100)).toBe(33_300);
    }
  });

  it('offsets nothing short of the full hours where the policy says not pro rata, and nothing for no hours', () => {
    expect(offsetOutcome({ ...terms, proRata: false }, 6 * 60)).toEqual({
      result: 'none',
      offset: 0,
      remainingFine: 333,
    });
    expect(offsetOutcome(terms, 0)).toEqual({ result: 'none', offset: 0, remainingFine: 333 });
  });

  it('stays exact for the largest fines the API takes', () => {
    const large = { fineFen: 100_000_000 * 100, hours: 2_000_000, proRata: true };

    expect(offsetOutcome(large, 1)).toEqual({ result: 'partial', offset: 0.83, remainingFine: 99_999_999.17 });
  });
});

describe('when a session may be logged', () => {
  it('from the offer day to today', () => {
    expect(checkSessionDate('2026-03-05', '2026-03-02', '2026-03-05').ok).toBe(true);
    expect(checkSessionDate('2026-03-06', '2026-03-02', '2026-03-05')).toMatchObject({
      refusal: { code: 'DATE_IN_FUTURE' },
    });
    expect(checkSessionDate('2026-03-01', '2026-03-02', '2026-03-05')).toMatchObject({
      refusal: { code: 'DATE_OUTSIDE_PERIOD' },
    });
  });
});
