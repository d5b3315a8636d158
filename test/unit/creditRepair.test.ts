import { describe, expect, it } from 'vitest';
import {
  checkRepairApplication,
  platformSyncs,
  publicationTimeline,
  repairBarredUntil,
  repairReviewDeadlines,
  ruleSetFor,
  syncLedgerDue,
  type PenaltyDecision,
  type RepairMaterials,
} from '../../domain/creditRepair';
import { DEFAULT_POLICY, policyFor } from '../../domain/policies';

const FINE = [{ type: 'fine', amount: 20_000 }];
const ALL_MATERIALS: RepairMaterials = { commitmentLetter: 'ev-1', fulfilmentProof: 'ev-2', correctionProof: 'ev-3' };
const decision = (decidedOn: string, overrides: Partial<PenaltyDecision> = {}): PenaltyDecision => ({
  decidedOn,
  severity: 'general',
  procedure: 'general',
  penalties: FINE,
  ...overrides,
});
const firm = (date: string) => ({ date, provisional: false });

describe('rule set by decision date', () => {
  it.each([
    ['2023-04-30', 'ndrc-order-58', true],
    ['2023-05-01', 'ndrc-order-58', false],
    ['2026-03-31', 'ndrc-order-58', false],
    ['2026-04-01', 'ndrc-order-36', false],
    ['2030-01-01', 'ndrc-order-36', false],
  ])('a decision on %s falls under %s (backdated: %s)', (decidedOn, id, backdated) => {
    const { ruleSet, backdated: isBackdated } = ruleSetFor(decidedOn);
    expect([ruleSet.id, isBackdated]).toEqual([id, backdated]);
  });
});

describe('publication periods run from the decision date', () => {
  it.each<[string, PenaltyDecision, string, string, string | null, string | null]>([
    ['general, last day of Order 58', decision('2026-03-31'), 'ndrc-order-58', 'general', '2026-06-30', '2027-03-31'],
    ['general, first day of Order 36', decision('2026-04-01'), 'ndrc-order-36', 'general', '2026-07-01', '2027-04-01'],
    [
      'serious, last day of Order 58',
      decision('2026-03-31', { severity: 'serious' }),
      'ndrc-order-58',
      'serious',
      '2027-03-31',
      '2029-03-31',
    ],
    [
      'serious, first day of Order 36',
      decision('2026-04-01', { severity: 'serious' }),
      'ndrc-order-36',
      'serious',
      '2027-04-01',
      '2029-04-01',
    ],
    ['general, from the 31st', decision('2025-08-31'), 'ndrc-order-58', 'general', '2025-11-30', '2026-08-31'],
    [
      'minor by simple procedure under Order 58',
      decision('2026-03-31', { procedure: 'simple' }),
      'ndrc-order-58',
      'minor',
      null,
      null,
    ],
    [
      'minor by warning only under Order 36',
      decision('2026-04-01', { penalties: [{ type: 'warning' }] }),
      'ndrc-order-36',
      'minor',
      null,
      null,
    ],
    [
      'minor by warning and public criticism, even if marked serious',
      decision('2026-05-06', { severity: 'serious', penalties: [{ type: 'warning' }, { type: 'public_criticism' }] }),
      'ndrc-order-36',
      'minor',
      null,
      null,
    ],
  ])('%s', (_case, input, ruleSet, category, minUntil, maxUntil) => {
    const timeline = publicationTimeline(input, '2026-05-06', DEFAULT_POLICY);
    expect(timeline).toMatchObject({
      ruleSet,
      category,
      published: minUntil !== null,
      from: minUntil === null ? null : input.decidedOn,
      minUntil,
      repairEligibleFrom: minUntil,
      maxUntil,
      policyVersion: DEFAULT_POLICY.version,
    });
  });

  it('computes a decision before 2023-05-01 under Order 58 and says so', () => {
    const timeline = publicationTimeline(decision('2022-06-01', { severity: 'serious' }), '2026-05-06', DEFAULT_POLICY);
    expect(timeline).toMatchObject({
      ruleSet: 'ndrc-order-58',
      ruleSetBackdated: true,
      maxUntil: '2025-06-01',
      status: 'expired',
    });
  });
});

describe('publication status on a given day', () => {
  // A general record decided 2026-04-10: repair-eligible from 2026-07-10, expired on 2027-04-10.
  it.each([
    ['2026-04-09', 'not_published'],
    ['2026-04-10', 'published'],
    ['2026-07-09', 'published'],
    ['2026-07-10', 'repair_eligible'],
    ['2027-04-09', 'repair_eligible'],
    ['2027-04-10', 'expired'],
  ])('on %s it is %s', (today, status) => {
    expect(publicationTimeline(decision('2026-04-10'), today, DEFAULT_POLICY).status).toBe(status);
  });

  it.each([
    ['a general record loaded two years after its decision', 'expired', decision('2024-01-15'), '2026-01-20'],
    [
      'a serious record loaded on its third anniversary',
      'expired',
      decision('2023-06-01', { severity: 'serious' }),
      '2026-06-01',
    ],
    [
      'a serious record loaded the day before its third anniversary',
      'repair_eligible',
      decision('2023-06-01', { severity: 'serious' }),
      '2026-05-31',
    ],
    ['a minor record', 'not_published', decision('2026-04-10', { procedure: 'simple' }), '2026-04-10'],
  ])('%s starts as %s', (_case, status, input, today) => {
    expect(publicationTimeline(input, today, DEFAULT_POLICY).status).toBe(status);
  });

  it('publishes minor records for up to 3 months where the agency flags them, repairable at once', () => {
    const policy = policyFor({ agency: 'SZ-XY', revision: 2, settings: { minorPublicationMonths: 3 } });
    if (!policy.ok) throw new Error('policy');
    const timeline = publicationTimeline(
      decision('2026-05-06', { penalties: [{ type: 'warning' }] }),
      '2026-05-06',
      policy.value,
    );
    expect(timeline).toMatchObject({
      category: 'minor',
      published: true,
      minUntil: '2026-05-06',
      maxUntil: '2026-08-06',
      status: 'repair_eligible',
      policyVersion: 'default-2026.1+agency:SZ-XY@2',
    });
  });
});

describe('credit repair applications', () => {
  const timeline = publicationTimeline(decision('2026-04-10'), '2026-04-10', DEFAULT_POLICY);

  it('refuses an application before the minimum period with the eligibility date', () => {
    const result = checkRepairApplication({ timeline, today: '2026-07-09', materials: ALL_MATERIALS });
    expect(result.ok || result.refusal).toMatchObject({
      code: 'NOT_YET_ELIGIBLE',
      details: [{ repairEligibleFrom: '2026-07-10' }],
    });
  });

  it('accepts a complete application on the day the record becomes eligible', () => {
    expect(checkRepairApplication({ timeline, today: '2026-07-10', materials: ALL_MATERIALS })).toEqual({
      ok: true,
      value: true,
    });
  });

  it.each<[string, RepairMaterials, string[]]>([
    ['nothing', {}, ['commitmentLetter', 'fulfilmentProof', 'correctionProof']],
    ['only the commitment letter', { commitmentLetter: 'ev-1' }, ['fulfilmentProof', 'correctionProof']],
    ['a blank proof of correction', { ...ALL_MATERIALS, correctionProof: '  ' }, ['correctionProof']],
    ['an empty list of fulfilment proofs', { ...ALL_MATERIALS, fulfilmentProof: [] }, ['fulfilmentProof']],
  ])('refuses an application with %s, listing what is missing', (_case, materials, missing) => {
    const result = checkRepairApplication({ timeline, today: '2026-08-01', materials });
    expect(result.ok || result.refusal).toMatchObject({
      code: 'MATERIALS_INCOMPLETE',
      details: missing.map((m) => ({ missing: m })),
    });
  });

  it.each([
    ['2026-08-31', 'REPAIR_BARRED'],
    ['2026-09-01', 'accepted'],
  ])('after a revocation barring until 2026-09-01, an application on %s is %s', (today, expected) => {
    const result = checkRepairApplication({ timeline, today, materials: ALL_MATERIALS, barredUntil: '2026-09-01' });
    expect(result.ok ? 'accepted' : result.refusal.code).toBe(expected);
  });

  it('bars new applications for 12 months after a revocation', () => {
    expect(repairBarredUntil('2026-05-10', DEFAULT_POLICY)).toBe('2027-05-10');
  });

  it.each([
    ['an expired record', '2027-04-10'],
    ['a record not yet shown', '2026-04-01'],
  ])('refuses to repair %s', (_case, today) => {
    const result = checkRepairApplication({ timeline, today, materials: ALL_MATERIALS });
    expect(result.ok || result.refusal.code).toBe('INVALID_STATE');
  });
});

describe('repair processing deadlines', () => {
  it('makes acceptance due in 3 and the decision in 10 working days, across National Day 2025', () => {
    expect(repairReviewDeadlines({ appliedOn: '2025-09-26' }, DEFAULT_POLICY)).toEqual({
      acceptBy: firm('2025-09-30'),
      decideBy: firm('2025-10-16'),
      paused: false,
      policyVersion: DEFAULT_POLICY.version,
    });
  });

  it('stops the clock from the day after a needs_more request until the business supplements', () => {
    // Given an application on Monday 2026-03-02, more asked for on 03-04, supplied on 03-10
    const deadlines = repairReviewDeadlines(
      { appliedOn: '2026-03-02', pauses: [{ from: '2026-03-04', until: '2026-03-10' }] },
      DEFAULT_POLICY,
    );
    // Then 03-05..03-10 do not count
    expect([deadlines.acceptBy, deadlines.decideBy]).toEqual([firm('2026-03-11'), firm('2026-03-20')]);
  });

  it('adds up several pauses', () => {
    const deadlines = repairReviewDeadlines(
      {
        appliedOn: '2026-03-02',
        pauses: [
          { from: '2026-03-04', until: '2026-03-10' },
          { from: '2026-03-12', until: '2026-03-13' },
        ],
      },
      DEFAULT_POLICY,
    );
    expect(deadlines.decideBy).toEqual(firm('2026-03-23'));
  });

  it('leaves a deadline open while a needs_more request is unanswered', () => {
    const deadlines = repairReviewDeadlines(
      { appliedOn: '2026-03-02', pauses: [{ from: '2026-03-04' }] },
      DEFAULT_POLICY,
    );
    expect(deadlines).toMatchObject({ acceptBy: null, decideBy: null, paused: true });
  });

  it('puts off each deadline by the calendar days a bulk extension gave it, to a working day', () => {
    const deadlines = repairReviewDeadlines(
      { appliedOn: '2025-09-26', postponedDays: { acceptBy: 10 } },
      DEFAULT_POLICY,
    );
    // 09-30 + 10 days is 10-10, a Friday after National Day; the decision is not put off
    expect([deadlines.acceptBy, deadlines.decideBy]).toEqual([firm('2025-10-10'), firm('2025-10-16')]);
    // A Sunday moves to the Monday
    const decideLater = repairReviewDeadlines(
      { appliedOn: '2025-09-26', postponedDays: { decideBy: 3 } },
      DEFAULT_POLICY,
    );
    expect(decideLater.decideBy).toEqual(firm('2025-10-20'));
  });

  it('keeps a deadline that fell before an unanswered request', () => {
    const deadlines = repairReviewDeadlines(
      { appliedOn: '2026-03-02', pauses: [{ from: '2026-03-06' }] },
      DEFAULT_POLICY,
    );
    expect([deadlines.acceptBy, deadlines.decideBy]).toEqual([firm('2026-03-05'), null]);
  });

  it('makes the sync ledger entries due 3 working days after the repair', () => {
    expect(syncLedgerDue('2026-09-30', DEFAULT_POLICY)).toEqual(firm('2026-10-10'));
  });

  it('asks every publication platform to withdraw a repaired record, or restore a revoked one, by the same due date', () => {
    expect(platformSyncs('withdraw', '2026-09-30', DEFAULT_POLICY)).toEqual([
      { platform: 'credit_china', action: 'withdraw', dueOn: '2026-10-10', provisional: false },
      { platform: 'provincial_platform', action: 'withdraw', dueOn: '2026-10-10', provisional: false },
      { platform: 'agency_website', action: 'withdraw', dueOn: '2026-10-10', provisional: false },
    ]);
    expect(
      platformSyncs('restore', '2026-12-30', DEFAULT_POLICY).map((s) => [s.action, s.dueOn, s.provisional]),
    ).toEqual(Array(3).fill(['restore', '2027-01-04', true]));
  });
});
