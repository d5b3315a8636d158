import { describe, expect, it } from 'vitest';
import { BASE_POLICY_VERSION, DEFAULT_POLICY, policyFor, type AgencyPolicyOverride } from '../../domain/policies';

describe('default policy', () => {
  it.each([
    ['consentWindowWorkingDays', 10],
    ['observationDefaultMonths', 6],
    ['observationMinMonths', 1],
    ['observationMaxTotalMonths', 24],
    ['checkInEveryMonths', 1],
    ['conclusionWorkingDays', 10],
    ['commitmentWorkingDays', 5],
    ['reminderWorkingDaysBeforeDeadline', 3],
    ['evidenceReviewWorkingDays', 5],
    ['maxExtensionRequests', 1],
    ['overdueEscalationWorkingDays', 10],
    ['followUpAfterDays', 30],
    ['firstViolationLookbackMonths', 24],
    ['repairAcceptWorkingDays', 3],
    ['repairDecisionWorkingDays', 10],
    ['syncLedgerWorkingDays', 3],
    ['revocationBarMonths', 12],
    ['minorPublicationMonths', 0],
    ['objectionDecisionWorkingDays', 10],
    ['documentServiceWorkingDays', 5],
    ['legalReviewWorkingDays', 5],
    ['offsetYuanPerHour', 50],
    ['offsetServiceDays', 30],
    ['gradeAdverseLookbackMonths', 12],
    ['gradeCleanMonths', 24],
    ['gradeRegisteredYears', 3],
    ['whitelistRoutineCap', 1],
    ['jointVisitWithinDays', 30],
  ] as const)('sets %s to %i as the domain spec says', (setting, expected) => {
    expect(DEFAULT_POLICY[setting]).toBe(expected);
  });

  it('excludes the areas the spec names from leniency', () => {
    expect([...DEFAULT_POLICY.excludedAreas].sort()).toEqual(
      [
        'ecology_environment',
        'food_drugs',
        'labour_protection',
        'public_health',
        'urban_rural_planning',
        'wildlife_protection',
        'work_safety',
      ].sort(),
    );
  });

  it('sets the choices the domain spec leaves to agencies', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      documentNumberPattern: '{agencyShort}柔〔{year}〕{seq:4}号',
      legalReviewDecisions: [],
      offsetAreas: ['transport', 'public_security'],
      offsetProRata: true,
      routineInspectionCaps: { A: 1, B: 2, C: 4, D: null },
    });
    // Panjin: excluded conduct is barred from observation and every list.
    for (const bars of Object.values(DEFAULT_POLICY.conductExclusions))
      expect([...bars].sort()).toEqual([
        'lighter_penalty',
        'mitigated_penalty',
        'no_coercion',
        'no_penalty',
        'observation',
      ]);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.excludedAreas)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.conductExclusions.high_risk)).toBe(true);
  });
});

describe('policyFor an agency', () => {
  it('is the default policy when the agency overrides nothing', () => {
    expect(policyFor()).toEqual({ ok: true, value: DEFAULT_POLICY });
  });

  it('lays the agency settings over the defaults under a derived version', () => {
    // Given an agency that allows 15 working days to consent
    const override: AgencyPolicyOverride = {
      agency: 'XM-SAMR',
      revision: 3,
      settings: { consentWindowWorkingDays: 15 },
    };
    // When its policy is built
    const result = policyFor(override);
    // Then only that setting changes, and the version names agency and revision
    expect(result.ok && result.value).toEqual({
      ...DEFAULT_POLICY,
      consentWindowWorkingDays: 15,
      version: `${BASE_POLICY_VERSION}+agency:XM-SAMR@3`,
    });
  });

  it('replaces the excluded areas whole, so an agency may narrow them as well as widen them', () => {
    const result = policyFor({
      agency: 'HZ-CG',
      revision: 1,
      settings: { excludedAreas: ['food_drugs', 'transport'] },
    });
    expect(result.ok && result.value.excludedAreas).toEqual(['food_drugs', 'transport']);
  });

  it('lets an agency publish minor records for up to 3 months', () => {
    const result = policyFor({ agency: 'SZ-XY', revision: 2, settings: { minorPublicationMonths: 3 } });
    expect(result.ok && result.value.minorPublicationMonths).toBe(3);
  });

  it.each<[string, AgencyPolicyOverride, string]>([
    [
      'a minimum above the default',
      { agency: 'A', revision: 1, settings: { observationMinMonths: 7 } },
      'observationDefaultMonths',
    ],
    [
      'a default above the maximum',
      { agency: 'A', revision: 1, settings: { observationDefaultMonths: 30 } },
      'observationDefaultMonths',
    ],
    [
      'minor records published beyond the legal 3 months',
      { agency: 'A', revision: 1, settings: { minorPublicationMonths: 4 } },
      'minorPublicationMonths',
    ],
    [
      'acceptance due after the decision',
      { agency: 'A', revision: 1, settings: { repairAcceptWorkingDays: 11 } },
      'repairAcceptWorkingDays',
    ],
    [
      'a fractional number of days',
      { agency: 'A', revision: 1, settings: { commitmentWorkingDays: 1.5 } },
      'commitmentWorkingDays',
    ],
    [
      'an unknown area',
      { agency: 'A', revision: 1, settings: { excludedAreas: ['space_travel'] as never } },
      'excludedAreas',
    ],
    [
      'a misspelt setting',
      { agency: 'A', revision: 1, settings: { consentWindowDays: 5 } as never },
      'consentWindowDays',
    ],
    ['revision 0', { agency: 'A', revision: 0, settings: {} }, 'revision'],
    [
      'a document number without a sequence',
      { agency: 'A', revision: 1, settings: { documentNumberPattern: '{agencyShort}〔{year}〕号' } },
      'documentNumberPattern',
    ],
    [
      'an unknown placeholder',
      { agency: 'A', revision: 1, settings: { documentNumberPattern: '{agency}{seq}' } },
      'documentNumberPattern',
    ],
    [
      'a grade without a cap',
      { agency: 'A', revision: 1, settings: { routineInspectionCaps: { A: 1, B: 2, C: 4 } as never } },
      'routineInspectionCaps',
    ],
    [
      'excluded conduct barred from an unknown treatment',
      {
        agency: 'A',
        revision: 1,
        settings: { conductExclusions: { ...DEFAULT_POLICY.conductExclusions, high_risk: ['prison'] } as never },
      },
      'conductExclusions.high_risk',
    ],
    [
      'an unknown kind of excluded conduct',
      {
        agency: 'A',
        revision: 1,
        settings: { conductExclusions: { ...DEFAULT_POLICY.conductExclusions, greed: [] } as never },
      },
      'conductExclusions',
    ],
    ['an unknown offset matter', { agency: 'A', revision: 1, settings: { offsetMatters: ['tr 1'] } }, 'offsetMatters'],
    ['an agency id with "@"', { agency: 'A@B', revision: 1, settings: {} }, 'agency'],
  ])('refuses an override with %s', (_case, override, field) => {
    const result = policyFor(override);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Settings valid one by one but contradicting one another break a rule (422), the rest the form (400).
    const contradiction = [
      'a minimum above the default',
      'a default above the maximum',
      'acceptance due after the decision',
    ];
    expect(result.refusal.code).toBe(contradiction.includes(_case) ? 'INVALID_POLICY' : 'VALIDATION_FAILED');
    expect(result.refusal.details).toContainEqual(expect.objectContaining({ field }));
  });
});
