// Legal review (法制审核) over HTTP for any process that sends decisions to it: the reviewer's verdict
// and the officer's resubmission as step routes, and the rounds as a case view shows them.
import { z } from 'zod';
import { LEGAL_REVIEW_DECISIONS } from '../domain';
import { decideLegalReview, resubmitLegalReview } from '../workflows/messages';
import type { CaseView, stepRoutes } from './cases';
import { text } from './schemas';

export const legalReviewBody = z.object({ decision: z.enum(['approved', 'returned']), reasons: text(5000) });
export const resubmissionBody = z.object({ reasons: text(5000).describe('What was revised') });

export const legalReviewRounds = z
  .array(
    z.object({
      round: z.number(),
      decision: z.enum(LEGAL_REVIEW_DECISIONS),
      sentAt: z.string(),
      sentBy: z.string(),
      verdict: z
        .object({ decision: z.enum(['approved', 'returned']), reasons: z.string(), at: z.string(), by: z.string() })
        .optional(),
    }),
  )
  .optional()
  .describe("Legal review rounds, where the agency's policy sent a decision to review");

/** `POST {base}/:id/legal-review` (legal reviewer) and `POST {base}/:id/legal-review-resubmission` (officer). */
export function legalReviewRoutes<V extends CaseView>(step: ReturnType<typeof stepRoutes<V>>) {
  // One update serves every process; its answer is the process's own view.
  type Verdict = Parameters<typeof step>[4];
  return [
    step(
      'legal-review',
      'Approve the decision (it takes effect) or return it to the officer with reasons (法制审核)',
      ['legal_reviewer'],
      legalReviewBody,
      decideLegalReview as unknown as Verdict,
    ),
    step(
      'legal-review-resubmission',
      'Send a decision legal review returned back to it, revised',
      ['officer'],
      resubmissionBody,
      resubmitLegalReview as unknown as Verdict,
    ),
  ];
}
