import { describe, expect, it } from 'vitest';
import { checkObjectionDecision, objectionDecisionDue } from '../../domain/objection';
import { DEFAULT_POLICY } from '../../domain/policies';

describe('the objection decision', () => {
  it('is due the 10th working day after the filing, holidays skipped', () => {
    // Filed on Thursday 2026-09-24: the weekends and the National Day holiday (10-01..07) do not count.
    expect(objectionDecisionDue('2026-09-24', DEFAULT_POLICY)).toEqual({ date: '2026-10-15', provisional: false });
    expect(objectionDecisionDue('2026-03-02', { objectionDecisionWorkingDays: 5 }).date).toBe('2026-03-09');
  });

  it('needs the corrected text for a correction, and only then', () => {
    expect(checkObjectionDecision('corrected', '新文本').ok).toBe(true);
    expect(checkObjectionDecision('upheld').ok).toBe(true);
    expect(checkObjectionDecision('corrected')).toMatchObject({
      ok: false,
      refusal: { code: 'CORRECTED_TEXT_REQUIRED' },
    });
    expect(checkObjectionDecision('corrected', '  ')).toMatchObject({ ok: false });
    expect(checkObjectionDecision('removed', 'x')).toMatchObject({ ok: false });
  });
});
