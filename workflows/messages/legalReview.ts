// Legal review (法制审核) messages, shared by every process that sends decisions to review and the API.
import { defineUpdate } from '@temporalio/workflow';
import type { LegalReviewDecision } from '../../domain';
import type { By } from './common';

export type LegalReviewVerdict = 'approved' | 'returned';

/** One round of review: the decision sent, and the reviewer's verdict once given. */
export interface LegalReviewRound {
  round: number;
  decision: LegalReviewDecision;
  sentAt: string;
  sentBy: string;
  verdict?: { decision: LegalReviewVerdict; reasons: string; at: string; by: string };
}

/** The legal reviewer approves the decision (it takes effect) or returns it to the officer with reasons. */
export const decideLegalReview = defineUpdate<unknown, [By<{ decision: LegalReviewVerdict; reasons: string }>]>(
  'decideLegalReview',
);
/** The officer sends a returned decision back to review, saying what was revised. */
export const resubmitLegalReview = defineUpdate<unknown, [By<{ reasons: string }>]>('resubmitLegalReview');
