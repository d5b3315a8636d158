import { describe, expect, it } from 'vitest';
import { checkVisitDate, followUpDueOn, FOLLOW_UP_DECISIONS } from '../../domain/followUps';
import { legalReviewDue, needsLegalReview, orderUnderReview } from '../../domain/legalReview';
import { DEFAULT_POLICY } from '../../domain/policies';
import { policyWith } from '../support/policyWith';
import { repairVisitDue } from '../../domain/repairService';

describe('which decisions go to legal review', () => {
  it('sends nothing under the default policy, so cases behave as before', () => {
    expect(orderUnderReview('statutory_no_penalty', DEFAULT_POLICY)).toBeUndefined();
    expect(needsLegalReview('observation_conclusion', DEFAULT_POLICY)).toBe(false);
  });

  it('sends every no-penalty order where no_penalty is named, and only off-list ones where statutory_no_penalty is', () => {
    const noPenalty = policyWith({ legalReviewDecisions: ['no_penalty'] });
    const statutory = policyWith({ legalReviewDecisions: ['statutory_no_penalty'] });

    expect(orderUnderReview('first_violation_no_penalty', noPenalty)).toBe('no_penalty');
    expect(orderUnderReview('statutory_no_penalty', noPenalty)).toBe('no_penalty');
    expect(orderUnderReview('lighter_penalty', noPenalty)).toBeUndefined();
    expect(orderUnderReview('statutory_no_penalty', statutory)).toBe('statutory_no_penalty');
    expect(orderUnderReview('no_penalty', statutory)).toBeUndefined();
  });

  it('is due in the policy’s working days: 2026-09-30 plus 5 skips the National Day holiday', () => {
    expect(legalReviewDue('2026-09-30', DEFAULT_POLICY)).toEqual({ date: '2026-10-13', provisional: false });
    expect(legalReviewDue('2026-09-30', policyWith({ legalReviewWorkingDays: 1 })).date).toBe('2026-10-08');
  });
});

describe('follow-up visits', () => {
  it('fall due the policy’s calendar days after the decision', () => {
    expect(followUpDueOn('2026-01-31', DEFAULT_POLICY)).toBe('2026-03-02');
    expect(followUpDueOn('2026-01-31', policyWith({ followUpAfterDays: 7 }))).toBe('2026-02-07');
  });

  it('follow penalty records, observation conclusions and offsets, not a withdrawal', () => {
    expect(FOLLOW_UP_DECISIONS).toEqual(
      expect.arrayContaining(['penalty_record', 'observation_passed', 'offset_completed', 'offset_lapsed']),
    );
    expect(FOLLOW_UP_DECISIONS).not.toContain('observation_terminated');
  });

  it('are dated from the decision to today', () => {
    expect(checkVisitDate('2026-03-02', '2026-03-01', '2026-03-05').ok).toBe(true);
    expect(checkVisitDate('2026-03-06', '2026-03-01', '2026-03-05')).toMatchObject({
      refusal: { code: 'DATE_IN_FUTURE' },
    });
    expect(checkVisitDate('2026-02-28', '2026-03-01', '2026-03-05')).toMatchObject({
      refusal: { code: 'DATE_OUTSIDE_PERIOD' },
    });
  });
});

describe('the proactive repair service', () => {
  it('visits within 10 working days of eligibility', () => {
    expect(repairVisitDue('2026-09-30')).toEqual({ date: '2026-10-20', provisional: false });
  });
});
