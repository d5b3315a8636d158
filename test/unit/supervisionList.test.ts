import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../domain/policies';
import { checkListFixing, gradedOn, listEntries } from '../../domain/supervisionList';

describe('fixing a yearly graded list', () => {
  it.each([
    ['2026-12-31', undefined, 'LIST_NOT_YET_OPEN'],
    ['2027-01-01', undefined, false],
    ['2027-01-31', undefined, false],
    ['2027-02-01', undefined, 'LIST_DEADLINE_PASSED'],
    ['2027-02-01', {}, 'LIST_DEADLINE_PASSED'],
    ['2027-02-01', { reason: '补定' }, true],
  ] as const)('on %s (late: %j) for 2027: %s', (today, late, expected) => {
    const result = checkListFixing(2027, today, late);
    if (typeof expected === 'string') expect(result).toMatchObject({ ok: false, refusal: { code: expected } });
    else expect(result).toEqual({ ok: true, value: { late: expected } });
  });

  it("takes the previous year's last day's grades", () => {
    expect(gradedOn(2027)).toBe('2026-12-31');
  });

  it('gives each enterprise its cap, whitelisted ones at most one, in code order', () => {
    expect(
      listEntries(
        [
          { enterpriseId: 'Z', grade: 'D', whitelisted: false },
          { enterpriseId: 'A', grade: 'C', whitelisted: true },
        ],
        DEFAULT_POLICY,
      ),
    ).toEqual([
      { enterpriseId: 'A', grade: 'C', whitelisted: true, cap: 1 },
      { enterpriseId: 'Z', grade: 'D', whitelisted: false, cap: null },
    ]);
  });
});
