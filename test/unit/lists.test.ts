import { describe, expect, it } from 'vitest';
import { findMatter, TREATMENTS, type EnforcementMatter } from '../../domain/catalog';
import { EXAMPLE_AGENCIES } from '../../domain/exampleAgencies';
import { agencyMatter, agencyMatterOn, checkListEntry, isBarred, type AgencyListEntry } from '../../domain/lists';
import { checkObservationEligibility } from '../../domain/observation';
import { DEFAULT_POLICY, policyFor, type Policy, type PolicySettings } from '../../domain/policies';
import { checkDisposition, checkNoCoercion, type Disposition } from '../../domain/rectification';

const matter = (code: string): EnforcementMatter => findMatter(code)!;

function agencyPolicy(settings: Partial<PolicySettings>): Policy {
  const result = policyFor({ agency: 'T', revision: 1, settings });
  if (!result.ok) throw new Error(result.refusal.message);
  return result.value;
}

const entry = (code: string, fields: Partial<AgencyListEntry>): AgencyListEntry => ({
  agency: 'T',
  matterCode: code,
  revision: 1,
  lists: [],
  effectiveFrom: '2026-01-01',
  reason: 'test',
  ...fields,
});

// Tongliao, as the example agency seeds it: food safety not an excluded area, FD-003 on its lists.
const tongliao = EXAMPLE_AGENCIES.find((a) => a.agency.id === 'EXAMPLE-TONGLIAO')!;
const tongliaoPolicy = agencyPolicy(tongliao.policy.settings);
const tongliaoEntry = entry('FD-003', tongliao.listEntries[0]!);
// Jimsar item 5: high-risk conduct and conduct exploiting an emergency stay off 减轻 and 免罚 only.
const jimsarPolicy = agencyPolicy({
  conductExclusions: {
    high_risk: ['mitigated_penalty', 'no_penalty'],
    emergency_exploitation: ['mitigated_penalty', 'no_penalty'],
    irreparable_harm: [...TREATMENTS],
  },
});
const jimsarEntry = entry('TR-004', { lists: ['lighter_penalty'], excluded: 'high_risk' });

const order = (m: EnforcementMatter, disposition: Disposition, policy: Policy, extra = {}) =>
  checkDisposition({ matter: m, disposition, orderedOn: '2026-06-15', ...extra }, policy);
const codeOf = (result: { ok: boolean; refusal?: { code: string } }) => (result.ok ? 'ok' : result.refusal!.code);

describe('the banana case (pesticide residue, supplier checks done)', () => {
  it.each<[string, Policy, AgencyListEntry | undefined, string]>([
    ['accepted under a Tongliao-like policy', tongliaoPolicy, tongliaoEntry, 'ok'],
    ["refused under Panjin's defaults", DEFAULT_POLICY, undefined, 'EXCLUDED_DOMAIN'],
    [
      "refused under Panjin's defaults even with Tongliao's list entry",
      DEFAULT_POLICY,
      tongliaoEntry,
      'EXCLUDED_DOMAIN',
    ],
    ["refused under Tongliao's policy without its list entry", tongliaoPolicy, undefined, 'EXCLUDED_DOMAIN'],
  ])('is %s', (_case, policy, listEntry, expected) => {
    const banana = agencyMatter(matter('FD-003'), listEntry, policy);

    expect(codeOf(order(banana, 'no_penalty', policy))).toBe(expected);
  });
});

describe("Changning's off-list statutory no-penalty", () => {
  // MS-010 (unverified measuring instrument) is on no list of this agency: only the law grants it.
  const offList = agencyMatter(matter('MS-010'), entry('MS-010', { lists: [] }), DEFAULT_POLICY);

  it.each<[string, object, string]>([
    [
      'accepted with a ground and a legal basis',
      { statutoryGround: 'no_fault', legalBasis: '行政处罚法第三十三条第二款' },
      'ok',
    ],
    ['refused without a ground', { legalBasis: '行政处罚法第三十三条第二款' }, 'VALIDATION_FAILED'],
    ['refused without a legal basis', { statutoryGround: 'no_fault' }, 'VALIDATION_FAILED'],
  ])('is %s', (_case, extra, expected) => {
    expect(codeOf(order(offList, 'statutory_no_penalty', DEFAULT_POLICY, extra))).toBe(expected);
  });

  it('stays refused as no_penalty, the matter being on no list', () => {
    expect(codeOf(order(offList, 'no_penalty', DEFAULT_POLICY))).toBe('NOT_ON_LIST');
  });

  it('is refused for an excluded matter, ground or not', () => {
    const excluded = agencyMatter(matter('FD-001'), undefined, DEFAULT_POLICY);
    const grounds = { statutoryGround: 'minor_and_corrected', legalBasis: '行政处罚法第三十三条第一款' };

    expect(codeOf(order(excluded, 'statutory_no_penalty', DEFAULT_POLICY, grounds))).toBe('EXCLUDED_DOMAIN');
  });
});

describe("Jimsar's high-risk conduct", () => {
  const highRisk = agencyMatter(matter('TR-004'), jimsarEntry, jimsarPolicy);

  it.each<[Disposition, string]>([
    ['lighter_penalty', 'ok'],
    ['mitigated_penalty', 'EXCLUDED_DOMAIN'],
    ['no_penalty', 'EXCLUDED_DOMAIN'],
    ['first_violation_no_penalty', 'EXCLUDED_DOMAIN'],
    ['order_only', 'ok'],
  ])('may be disposed %s: %s', (disposition, expected) => {
    expect(codeOf(order(highRisk, disposition, jimsarPolicy))).toBe(expected);
  });

  it('is barred from everything under the default policy, where any exclusion bars all', () => {
    const underDefaults = agencyMatter(matter('TR-004'), jimsarEntry, DEFAULT_POLICY);

    expect(underDefaults).toMatchObject({ lists: [], excludedFromLeniency: true, exclusionReason: 'high_risk' });
    expect(codeOf(order(underDefaults, 'lighter_penalty', DEFAULT_POLICY))).toBe('EXCLUDED_DOMAIN');
  });

  it('cannot be put on a list its exclusion bars', () => {
    const result = checkListEntry(
      matter('TR-004'),
      { lists: ['lighter_penalty', 'no_penalty'], excluded: 'high_risk' },
      jimsarPolicy,
    );

    expect(result).toMatchObject({
      ok: false,
      refusal: {
        code: 'EXCLUDED_DOMAIN',
        details: [{ matterCode: 'TR-004', reason: 'high_risk', lists: ['no_penalty'] }],
      },
    });
    expect(checkListEntry(matter('TR-004'), jimsarEntry, jimsarPolicy)).toEqual({ ok: true, value: true });
  });
});

describe('agency matters', () => {
  it('take the agency entry in force on the day, the catalog before its first one', () => {
    const entries = [
      entry('MS-001', { lists: ['lighter_penalty'], effectiveFrom: '2026-03-01', revision: 1 }),
      entry('MS-001', { lists: ['no_penalty'], effectiveFrom: '2026-05-01', revision: 2 }),
    ];

    const on = (day: string) => agencyMatterOn(matter('MS-001'), entries, DEFAULT_POLICY, day);

    expect(on('2026-02-28').lists).toEqual(matter('MS-001').lists);
    expect(on('2026-02-28').listEntry).toBeUndefined();
    expect(on('2026-03-01')).toMatchObject({ lists: ['lighter_penalty'], listEntry: { revision: 1 } });
    expect(on('2026-05-01')).toMatchObject({
      lists: ['no_penalty'],
      listEntry: { revision: 2, effectiveFrom: '2026-05-01' },
    });
  });

  it("take the agency's benchmark over the catalog's", () => {
    const own = entry('MS-002', { lists: ['no_penalty'], benchmark: { minFine: 1_000, maxFine: 50_000 } });

    expect(agencyMatter(matter('MS-002'), own, DEFAULT_POLICY).benchmark).toEqual({ minFine: 1_000, maxFine: 50_000 });
  });

  it('let an agency exclude a matter the catalog does not, from everything by area', () => {
    const widened = agencyPolicy({ excludedAreas: [...DEFAULT_POLICY.excludedAreas, 'transport'] });

    const tr = agencyMatter(matter('TR-001'), undefined, widened);

    expect(tr).toMatchObject({ lists: [], excludedFromLeniency: true, exclusionReason: 'excluded_area' });
    expect(checkObservationEligibility(tr, widened).ok).toBe(false);
  });

  it('need the no-coercion list for a waiver of coercive measures', () => {
    const onIt = agencyMatter(matter('MS-001'), undefined, DEFAULT_POLICY);
    const offIt = agencyMatter(matter('MS-002'), undefined, DEFAULT_POLICY);

    expect(codeOf(checkNoCoercion(onIt, DEFAULT_POLICY))).toBe('ok');
    expect(codeOf(checkNoCoercion(offIt, DEFAULT_POLICY))).toBe('NOT_ON_LIST');
  });
});

describe('bare catalog matters, as cases opened before agencies had lists carry them', () => {
  it.each(['FD-001', 'MS-011', 'TR-004', 'MS-001', 'TR-001'])(
    'are barred exactly as the catalog rule says (%s), so old workflows decide as they did',
    (code) => {
      const m = matter(code);
      const legacy = m.excludedFromLeniency || DEFAULT_POLICY.excludedAreas.includes(m.area);

      for (const treatment of TREATMENTS) expect(isBarred(m, treatment, DEFAULT_POLICY)).toBe(legacy);
    },
  );
});
