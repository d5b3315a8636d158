import { describe, expect, it } from 'vitest';
import { LAST_COVERED_YEAR } from '../../domain/calendar';
import { findMatter, SEED_MATTERS } from '../../domain/catalog';
import {
  checkInForMeasure,
  checkInWindows,
  checkObservationEligibility,
  checkObservationEnterprise,
  checkObservationExtension,
  checkObservationMonths,
  observationTimeline,
  planObservationPeriod,
} from '../../domain/observation';
import { DEFAULT_POLICY, policyFor, type Policy } from '../../domain/policies';

const matter = (code: string) => findMatter(code)!;
const agencyPolicy = (settings: Partial<Policy>): Policy => {
  const result = policyFor({ agency: 'TEST', revision: 1, settings });
  if (!result.ok) throw new Error(result.refusal.message);
  return result.value;
};

describe('who may get an observation period', () => {
  it.each(SEED_MATTERS.filter((m) => m.excludedFromLeniency).map((m) => [m.code, m.area] as const))(
    'refuses excluded matter %s (%s) with EXCLUDED_DOMAIN',
    (code) => {
      const result = checkObservationEligibility(matter(code), DEFAULT_POLICY);
      expect(result.ok || result.refusal.code).toBe('EXCLUDED_DOMAIN');
    },
  );

  it('opens one for a matter on the lists in an open area', () => {
    expect(checkObservationEligibility(matter('MS-005'), DEFAULT_POLICY).ok).toBe(true);
  });

  it('refuses an open-area matter once the agency excludes its area', () => {
    const policy = agencyPolicy({ excludedAreas: [...DEFAULT_POLICY.excludedAreas, 'culture_tourism'] });
    const result = checkObservationEligibility(matter('CT-001'), policy);
    expect(result.ok || result.refusal.code).toBe('EXCLUDED_DOMAIN');
  });
});

describe('how long an observation period lasts', () => {
  it.each([
    ['no requested duration as the default', undefined, 6],
    ['the 1-month minimum', 1, 1],
    ['the 24-month maximum', 24, 24],
  ])('accepts %s', (_case, requested, expected) => {
    expect(checkObservationMonths(requested, DEFAULT_POLICY)).toEqual({ ok: true, value: expected });
  });

  it.each([0, 25, 2.5, -3])('refuses %s months as out of range', (requested) => {
    const result = checkObservationMonths(requested, DEFAULT_POLICY);
    expect(result.ok || result.refusal.code).toBe('DURATION_OUT_OF_RANGE');
  });

  it.each([
    [6, 18, true],
    [6, 19, false],
    [24, 1, false],
    [6, 0, false],
  ])('extending %i months by %i is allowed: %s', (current, extra, allowed) => {
    const result = checkObservationExtension(current, extra, DEFAULT_POLICY);
    expect(result.ok).toBe(allowed);
    if (allowed) expect(result).toEqual({ ok: true, value: current + extra });
  });
});

describe('observation timeline', () => {
  it('has monthly check-ins ending on the end date and working-day consent and conclusion deadlines', () => {
    // Given a 6-month period starting 2026-01-15
    // When its timeline is computed
    const timeline = observationTimeline({ startDate: '2026-01-15', months: 6 }, DEFAULT_POLICY);
    // Then
    expect(timeline).toEqual({
      startDate: '2026-01-15',
      months: 6,
      notifiedOn: '2026-01-15',
      consentDue: { date: '2026-01-29', provisional: false },
      endDate: '2026-07-15',
      checkInsDue: ['2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15', '2026-07-15'].map((date) => ({
        date,
        provisional: false,
      })),
      conclusionDue: { date: '2026-07-29', provisional: false },
      policyVersion: DEFAULT_POLICY.version,
    });
  });

  it('counts each check-in from the start, so a period from the 31st keeps month ends', () => {
    const timeline = observationTimeline({ startDate: '2026-01-31', months: 3 }, DEFAULT_POLICY);
    expect(timeline.checkInsDue.map((c) => c.date)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(timeline.endDate).toBe('2026-04-30');
  });

  it('counts the consent window in working days across National Day 2025', () => {
    const timeline = observationTimeline({ startDate: '2025-09-22', months: 6 }, DEFAULT_POLICY);
    expect(timeline.consentDue).toEqual({ date: '2025-10-11', provisional: false });
  });

  it('runs the consent window from the notice when it precedes the start', () => {
    const timeline = observationTimeline(
      { startDate: '2026-03-01', notifiedOn: '2026-02-12', months: 6 },
      DEFAULT_POLICY,
    );
    // 02-13, 02-14 (调休), 02-24..27, 02-28 (调休), 03-02, 03-03, 03-04
    expect(timeline.consentDue.date).toBe('2026-03-04');
  });

  it('follows an agency that checks in every 2 months', () => {
    const timeline = observationTimeline(
      { startDate: '2026-01-15', months: 5 },
      agencyPolicy({ checkInEveryMonths: 2 }),
    );
    expect(timeline.checkInsDue.map((c) => c.date)).toEqual(['2026-03-15', '2026-05-15']);
    expect(timeline.policyVersion).toBe('default-2026.1+agency:TEST@1');
  });

  it('flags a conclusion deadline in a year without holiday data as provisional', () => {
    const timeline = observationTimeline({ startDate: `${LAST_COVERED_YEAR}-06-20`, months: 6 }, DEFAULT_POLICY);
    expect(timeline.conclusionDue.date.startsWith(`${LAST_COVERED_YEAR + 1}-`)).toBe(true);
    expect(timeline.conclusionDue.provisional).toBe(true);
  });
});

describe('planning an observation period', () => {
  it('refuses an excluded matter before computing anything', () => {
    const result = planObservationPeriod(
      { matter: matter('EE-001'), startDate: '2026-05-06', months: 6 },
      DEFAULT_POLICY,
    );
    expect(result.ok || result.refusal).toMatchObject({ code: 'EXCLUDED_DOMAIN', details: [{ matterCode: 'EE-001' }] });
  });

  it('uses the default months when none are requested', () => {
    const result = planObservationPeriod({ matter: matter('MS-007'), startDate: '2026-05-06' }, DEFAULT_POLICY);
    expect(result.ok && result.value.endDate).toBe('2026-11-06');
  });
});

describe('who may be observed', () => {
  it('accepts a new-business-model enterprise and refuses any other with NOT_NEW_BUSINESS_MODEL', () => {
    expect(checkObservationEnterprise({ id: 'E1', newBusinessModel: true }).ok).toBe(true);
    const refused = checkObservationEnterprise({ id: 'E2', newBusinessModel: false });
    expect(refused.ok || refused.refusal).toMatchObject({
      code: 'NOT_NEW_BUSINESS_MODEL',
      details: [{ enterpriseId: 'E2' }],
    });
  });
});

describe('check-in windows', () => {
  const windows = checkInWindows(observationTimeline({ startDate: '2026-01-31', months: 3 }, DEFAULT_POLICY));

  it('tile the period: the first opens on the start date, each later one the day after the previous was due', () => {
    expect(windows.map((w) => [w.number, w.opensOn, w.due.date])).toEqual([
      [1, '2026-01-31', '2026-02-28'],
      [2, '2026-03-01', '2026-03-31'],
      [3, '2026-04-01', '2026-04-30'],
    ]);
  });

  it('count a measure for the check-in whose window holds its date', () => {
    expect(checkInForMeasure(windows, '2026-03-01')).toBe(2);
    expect(checkInForMeasure(windows, '2026-02-28')).toBe(1);
  });

  it('let a missed month stay missed while the current one is open, so later months do not slide', () => {
    // Check-in 1 was missed; a measure in month 2 completes check-in 2, not check-in 1.
    expect(checkInForMeasure(windows, '2026-03-15')).toBe(2);
  });

  it('catch up the earliest overdue check-in once the current one is done', () => {
    const undone = windows.filter((w) => w.number !== 2);
    expect(checkInForMeasure(undone, '2026-03-20')).toBe(1);
  });

  it('after the last window, catch up the earliest undone check-in', () => {
    expect(checkInForMeasure(windows.slice(1), '2026-05-05')).toBe(2);
  });

  it('never count a measure ahead for a window that has not opened', () => {
    expect(checkInForMeasure(windows.slice(1), '2026-02-10')).toBeUndefined();
  });
});
