import { describe, expect, it } from 'vitest';
import { checkCatalogEntry, findMatter, isExcludedArea, isMatterExcluded, SEED_MATTERS } from '../../domain/catalog';
import { DEFAULT_POLICY, policyFor } from '../../domain/policies';

const excludedMatters = SEED_MATTERS.filter((m) => m.excludedFromLeniency);

describe('seed catalog', () => {
  it('holds at least 30 matters across at least 6 areas, each code once', () => {
    expect(SEED_MATTERS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SEED_MATTERS.map((m) => m.area)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(SEED_MATTERS.map((m) => m.code)).size).toBe(SEED_MATTERS.length);
  });

  it.each([
    ['营业执照', 'market_supervision'],
    ['绝对化用语', 'market_supervision'],
    ['年度报告', 'market_supervision'],
    ['户外招牌', 'urban_management'],
    ['导游证', 'culture_tourism'],
    ['车辆营运证', 'transport'],
  ])('includes the commonly listed matter about %s in %s', (keyword, area) => {
    expect(SEED_MATTERS.some((m) => m.title.includes(keyword) && m.area === area)).toBe(true);
  });

  it.each(excludedMatters.map((m) => [m.code, m.title, m] as const))(
    'puts excluded matter %s (%s) on no list',
    (_code, _title, matter) => {
      expect(matter.lists).toEqual([]);
      expect(matter.exclusionReason).toBeDefined();
    },
  );

  it.each(SEED_MATTERS.filter((m) => isExcludedArea(m.area, DEFAULT_POLICY)).map((m) => [m.code, m.area, m] as const))(
    'flags %s in excluded area %s as excluded from leniency',
    (_code, _area, matter) => {
      expect(matter.excludedFromLeniency).toBe(true);
    },
  );

  it('covers food and drugs, ecology and work safety among the excluded matters', () => {
    for (const area of ['food_drugs', 'ecology_environment', 'work_safety']) {
      expect(excludedMatters.some((m) => m.area === area)).toBe(true);
    }
  });

  it('gives every matter a Chinese title, an English gloss, a legal basis, a deadline and a sane fine range', () => {
    for (const m of SEED_MATTERS) {
      expect(m.title).toMatch(/\p{Script=Han}/u);
      expect(m.titleEn).toMatch(/[a-z]/i);
      expect(m.legalBasis).toMatch(/第.+条/u);
      expect(m.defaultRectificationWorkingDays).toBeGreaterThanOrEqual(1);
      expect(m.benchmark.minFine).toBeLessThanOrEqual(m.benchmark.maxFine);
    }
  });

  it('cannot be changed by a caller', () => {
    const matter = findMatter('MS-001');
    expect(Object.isFrozen(SEED_MATTERS)).toBe(true);
    expect(Object.isFrozen(matter)).toBe(true);
    expect(Object.isFrozen(matter?.lists)).toBe(true);
  });
});

describe('exclusion by area and by matter', () => {
  it.each([
    ['food_drugs', true],
    ['ecology_environment', true],
    ['work_safety', true],
    ['labour_protection', true],
    ['market_supervision', false],
    ['transport', false],
  ] as const)('under the default policy, area %s is excluded: %s', (area, expected) => {
    expect(isExcludedArea(area, DEFAULT_POLICY)).toBe(expected);
  });

  it('excludes an open-area matter whose conduct exploits an emergency', () => {
    expect(isMatterExcluded(findMatter('MS-011')!, DEFAULT_POLICY)).toBe(true);
  });

  it('lets an agency widen exclusion to a whole area', () => {
    const widened = policyFor({
      agency: 'X',
      revision: 1,
      settings: { excludedAreas: [...DEFAULT_POLICY.excludedAreas, 'transport'] },
    });
    expect(widened.ok && isMatterExcluded(findMatter('TR-001')!, widened.value)).toBe(true);
  });

  it('keeps a catalog-flagged matter excluded when an agency drops its area from the policy', () => {
    const narrowed = policyFor({ agency: 'X', revision: 1, settings: { excludedAreas: [] } });
    expect(narrowed.ok && isMatterExcluded(findMatter('FD-001')!, narrowed.value)).toBe(true);
  });
});

describe('catalog entries', () => {
  it('refuses an excluded matter on a leniency list with EXCLUDED_DOMAIN', () => {
    // given a food matter, excluded by the seed, that someone tries to put on the no-penalty list
    const seeded = findMatter('FD-001')!;

    // when
    const result = checkCatalogEntry({ ...seeded, lists: ['no_penalty'] });

    // then
    expect(result).toEqual({
      ok: false,
      refusal: {
        code: 'EXCLUDED_DOMAIN',
        message: expect.stringContaining('cannot be on a leniency list'),
        details: [{ matterCode: 'FD-001', area: 'food_drugs', lists: ['no_penalty'] }],
      },
    });
  });

  it.each(SEED_MATTERS.map((m) => [m.code, m] as const))('accepts seed matter %s as it is', (_code, matter) => {
    expect(checkCatalogEntry(matter)).toEqual({ ok: true, value: matter });
  });
});
