import { describe, expect, it } from 'vitest';
import { LAST_COVERED_YEAR } from '../../domain/calendar';
import { findMatter } from '../../domain/catalog';
import { DEFAULT_POLICY, policyFor } from '../../domain/policies';
import {
  checkDisposition,
  checkExtensionRequest,
  defaultWaivedFine,
  extendedDeadline,
  followUpDue,
  rectificationTimeline,
  reviewDue,
  type Disposition,
} from '../../domain/rectification';
import type { RefusalCode } from '../../domain/refusal';

const matter = (code: string) => findMatter(code)!;
const firm = (date: string) => ({ date, provisional: false });

describe('which disposition an order may carry', () => {
  it.each<[string, Disposition, RefusalCode | 'allowed']>([
    ['MS-001', 'no_penalty', 'allowed'],
    ['MS-001', 'lighter_penalty', 'allowed'],
    ['MS-003', 'lighter_penalty', 'NOT_ON_LIST'],
    ['CM-002', 'no_penalty', 'NOT_ON_LIST'],
    ['CM-002', 'lighter_penalty', 'allowed'],
    ['MS-003', 'first_violation_no_penalty', 'allowed'],
    ['FD-001', 'no_penalty', 'EXCLUDED_DOMAIN'],
    ['FD-001', 'first_violation_no_penalty', 'EXCLUDED_DOMAIN'],
    ['EE-001', 'lighter_penalty', 'EXCLUDED_DOMAIN'],
    ['MS-011', 'no_penalty', 'EXCLUDED_DOMAIN'],
    ['FD-001', 'order_only', 'allowed'],
    ['WS-002', 'order_only', 'allowed'],
  ])('matter %s with disposition %s: %s', (code, disposition, expected) => {
    const result = checkDisposition({ matter: matter(code), disposition, orderedOn: '2026-06-15' }, DEFAULT_POLICY);
    expect(result.ok ? 'allowed' : result.refusal.code).toBe(expected);
  });

  it('names the list the matter is missing from', () => {
    const result = checkDisposition(
      { matter: matter('MS-003'), disposition: 'lighter_penalty', orderedOn: '2026-06-15' },
      DEFAULT_POLICY,
    );
    expect(result.ok || result.refusal.details).toEqual([{ matterCode: 'MS-003', requiredList: 'lighter_penalty' }]);
  });
});

describe('first violation not penalised (首违不罚) looks back 24 months', () => {
  const orderedOn = '2026-06-15';
  it.each<[string, string[], string | null]>([
    ['23 months earlier', ['2024-07-15'], '2024-07-15'],
    ['one day short of 24 months earlier', ['2024-06-16'], '2024-06-16'],
    ['exactly 24 months earlier (no longer counts on its anniversary)', ['2024-06-15'], null],
    ['25 months earlier', ['2024-05-15'], null],
    ['earlier the same day', ['2026-06-15'], '2026-06-15'],
    ['dated after the order (ignored)', ['2026-07-01'], null],
    ['among several, the latest of two inside the window', ['2023-01-01', '2025-01-10', '2024-08-01'], '2025-01-10'],
    ['on record: none', [], null],
  ])('with a prior violation %s', (_case, priorViolations, blockingDate) => {
    // When an officer orders 首违不罚 on 2026-06-15
    const result = checkDisposition(
      { matter: matter('MS-002'), disposition: 'first_violation_no_penalty', orderedOn, priorViolations },
      DEFAULT_POLICY,
    );
    // Then it is refused with the most recent prior inside the window, or allowed
    if (blockingDate === null) {
      expect(result.ok).toBe(true);
    } else {
      expect(result.ok || result.refusal).toMatchObject({
        code: 'NOT_FIRST_VIOLATION',
        details: [{ priorViolationOn: blockingDate, lookbackMonths: 24 }],
      });
    }
  });

  it('lets a violation on 29 February stop counting on 28 February two years later', () => {
    const result = checkDisposition(
      {
        matter: matter('MS-002'),
        disposition: 'first_violation_no_penalty',
        orderedOn: '2026-02-28',
        priorViolations: ['2024-02-29'],
      },
      DEFAULT_POLICY,
    );
    expect(result.ok).toBe(true);
  });

  it('follows an agency with a 12-month look-back', () => {
    const policy = policyFor({ agency: 'X', revision: 1, settings: { firstViolationLookbackMonths: 12 } });
    if (!policy.ok) throw new Error('policy');
    const result = checkDisposition(
      {
        matter: matter('MS-002'),
        disposition: 'first_violation_no_penalty',
        orderedOn,
        priorViolations: ['2025-05-15'],
      },
      policy.value,
    );
    expect(result.ok).toBe(true);
  });
});

describe('rectification timeline', () => {
  it('gives a no-penalty order its commitment, deadline, reminder and escalation dates across National Day 2026', () => {
    // Given a no-penalty order on 2026-09-28 with 5 working days to correct
    const result = rectificationTimeline(
      { orderedOn: '2026-09-28', disposition: 'no_penalty', matter: matter('MS-001'), deadline: { workingDays: 5 } },
      DEFAULT_POLICY,
    );
    // Then 10-01..07 are skipped and Saturday 10-10 is worked
    expect(result).toEqual({
      ok: true,
      value: {
        orderedOn: '2026-09-28',
        commitmentDue: firm('2026-10-10'),
        deadline: firm('2026-10-10'),
        reminderOn: firm('2026-09-30'),
        overdueEscalationOn: firm('2026-10-23'),
        policyVersion: DEFAULT_POLICY.version,
      },
    });
  });

  it('takes the catalog default deadline across the Spring Festival 2026 and needs no commitment for order_only', () => {
    const result = rectificationTimeline(
      { orderedOn: '2026-02-10', disposition: 'order_only', matter: matter('UM-001') },
      DEFAULT_POLICY,
    );
    expect(result.ok && result.value).toMatchObject({
      commitmentDue: null,
      deadline: firm('2026-03-02'),
      reminderOn: firm('2026-02-26'),
      overdueEscalationOn: firm('2026-03-16'),
    });
  });

  it('keeps an explicit deadline date as given', () => {
    const result = rectificationTimeline(
      {
        orderedOn: '2026-09-25',
        disposition: 'lighter_penalty',
        matter: matter('MS-001'),
        deadline: { date: '2026-10-09' },
      },
      DEFAULT_POLICY,
    );
    expect(result.ok && [result.value.deadline, result.value.reminderOn]).toEqual([
      firm('2026-10-09'),
      firm('2026-09-29'),
    ]);
  });

  it('sends no reminder when the deadline is too close to the order', () => {
    const result = rectificationTimeline(
      { orderedOn: '2026-03-02', disposition: 'order_only', matter: matter('MS-001'), deadline: { workingDays: 2 } },
      DEFAULT_POLICY,
    );
    expect(result.ok && result.value.reminderOn).toBeNull();
  });

  it.each([
    ['the order date itself', { date: '2026-03-02' }],
    ['a date before the order', { date: '2026-02-27' }],
    ['a malformed date', { date: '2026-02-30' }],
    ['zero working days', { workingDays: 0 }],
  ])('refuses a deadline of %s', (_case, deadline) => {
    const result = rectificationTimeline(
      { orderedOn: '2026-03-02', disposition: 'order_only', matter: matter('MS-001'), deadline },
      DEFAULT_POLICY,
    );
    expect(result.ok || result.refusal.code).toBe('INVALID_DEADLINE');
  });

  it('flags a deadline, reminder and escalation in a year without holiday data as provisional', () => {
    const result = rectificationTimeline(
      {
        orderedOn: `${LAST_COVERED_YEAR}-12-20`,
        disposition: 'order_only',
        matter: matter('MS-001'),
        deadline: { workingDays: 10 },
      },
      DEFAULT_POLICY,
    );
    expect(result.ok && [result.value.deadline.provisional, result.value.overdueEscalationOn.provisional]).toEqual([
      true,
      true,
    ]);
  });

  it('keeps an explicit deadline in an uncovered year firm but its reminder provisional', () => {
    const result = rectificationTimeline(
      {
        orderedOn: `${LAST_COVERED_YEAR}-12-01`,
        disposition: 'order_only',
        matter: matter('MS-001'),
        deadline: { date: `${LAST_COVERED_YEAR + 1}-01-20` },
      },
      DEFAULT_POLICY,
    );
    expect(result.ok && [result.value.deadline.provisional, result.value.reminderOn?.provisional]).toEqual([
      false,
      true,
    ]);
  });
});

describe('review, follow-up and extension', () => {
  it('makes the review of a submission due 5 working days later, skipping the Spring Festival', () => {
    expect(reviewDue('2026-02-12', DEFAULT_POLICY)).toEqual(firm('2026-02-26'));
  });

  it.each([
    ['the policy default of 30', undefined, '2026-10-25'],
    ["the order's own 60", 60, '2026-11-24'],
  ])('makes the follow-up visit due after %s calendar days, holidays or not', (_case, days, expected) => {
    expect(followUpDue('2026-09-25', DEFAULT_POLICY, days)).toEqual(firm(expected));
  });

  it.each([
    ['on the deadline day', true, '2026-10-10', 0],
    ['the day after the deadline', false, '2026-10-12', 0],
    ['a second time', false, '2026-10-09', 1],
  ])('an extension requested %s is allowed: %s', (_case, allowed, requestedOn, requestsSoFar) => {
    const result = checkExtensionRequest({ requestedOn, deadline: '2026-10-10', requestsSoFar }, DEFAULT_POLICY);
    expect(result.ok || result.refusal.code).toBe(allowed ? true : 'INVALID_STATE');
  });

  it('extends a deadline by working days from the current deadline', () => {
    expect(extendedDeadline(firm('2026-10-10'), 5)).toEqual(firm('2026-10-16'));
  });

  it('records the bottom of the benchmark as the fine a no-penalty outcome waived', () => {
    expect(defaultWaivedFine(matter('MS-002'), 'no_penalty')).toBe(200_000);
    expect(defaultWaivedFine(matter('MS-002'), 'lighter_penalty')).toBe(0);
  });
});
