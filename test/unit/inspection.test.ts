import { describe, expect, it } from 'vitest';
import { capWindow, inWindow, jointVisitFor, routineCap } from '../../domain/inspection';
import { DEFAULT_POLICY } from '../../domain/policies';

describe('the 12-month cap window', () => {
  it('holds dates less than 12 calendar months either side', () => {
    expect(capWindow('2027-03-10')).toEqual({ from: '2026-03-11', to: '2028-03-09' });
    expect(inWindow(capWindow('2027-03-10'), '2026-03-10')).toBe(false);
    expect(inWindow(capWindow('2027-03-10'), '2026-03-11')).toBe(true);
    expect(inWindow(capWindow('2027-03-10'), '2028-03-10')).toBe(false);
  });

  it('counts months from the end of a longer month as the Civil Code does', () => {
    expect(capWindow('2028-02-29')).toEqual({ from: '2027-03-01', to: '2029-02-27' });
  });
});

describe('routine caps', () => {
  it.each([
    ['A', false, 1],
    ['B', false, 2],
    ['C', false, 4],
    ['D', false, null],
    ['C', true, 1],
    ['D', true, 1],
  ] as const)('grade %s, whitelisted %s: %s', (grade, whitelisted, cap) => {
    expect(routineCap({ grade, whitelisted, gradeFrom: 'rating' }, DEFAULT_POLICY)).toBe(cap);
  });
});

describe('joint visits', () => {
  const visits = [
    { id: 'a', agency: 'X', plannedOn: '2027-05-01' },
    { id: 'b', agency: 'Y', plannedOn: '2027-05-20' },
  ];
  it('joins the nearest visit of another agency within the days, never its own', () => {
    expect(jointVisitFor(visits, 'Z', '2027-05-15', DEFAULT_POLICY)?.id).toBe('b');
    expect(jointVisitFor(visits, 'Y', '2027-05-15', DEFAULT_POLICY)?.id).toBe('a');
    expect(jointVisitFor(visits, 'Z', '2027-06-19', DEFAULT_POLICY)?.id).toBe('b');
    expect(jointVisitFor(visits, 'Z', '2027-06-20', DEFAULT_POLICY)).toBeUndefined();
  });
});
