import { describe, expect, it } from 'vitest';
import { checkNotRetroactive, inForceOn } from '../../domain/versioned';

const v = (revision: number, effectiveFrom: string) => ({ revision, effectiveFrom });

describe('the record in force on a day', () => {
  const versions = [v(1, '2026-01-01'), v(2, '2026-07-01'), v(3, '2026-04-01'), v(4, '2026-07-01')];

  it.each([
    ['2025-12-31', undefined],
    ['2026-01-01', 1],
    ['2026-03-31', 1],
    // revision 3, stored later, governs from its own day until revision 2's scheduled day
    ['2026-04-01', 3],
    ['2026-06-30', 3],
    // two revisions of one day: the later one
    ['2026-07-01', 4],
    ['2030-01-01', 4],
  ])('on %s is revision %s', (on, revision) => {
    expect(inForceOn(versions, on)?.revision).toBe(revision);
  });
});

describe('retroactive changes', () => {
  it('may take effect today or later', () => {
    expect(checkNotRetroactive('2026-05-06', '2026-05-06', 'A policy version').ok).toBe(true);
    expect(checkNotRetroactive('2026-05-07', '2026-05-06', 'A policy version').ok).toBe(true);
  });

  it('are refused RETROACTIVE_POLICY before today', () => {
    expect(checkNotRetroactive('2026-05-05', '2026-05-06', 'A list change')).toEqual({
      ok: false,
      refusal: {
        code: 'RETROACTIVE_POLICY',
        message: expect.stringContaining('2026-05-05'),
        details: [{ effectiveFrom: '2026-05-05', today: '2026-05-06' }],
      },
    });
  });
});
