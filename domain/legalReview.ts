// Legal review (法制审核, Jimsar item 4; Administrative Penalty Law art. 58): which decisions of a
// case the agency's policy sends to a legal reviewer before they take effect, and when the review
// is due. By default no decision is named, so cases behave as they did before review existed.
import { addWorkingDays, type CalendarDate, type DueDate } from './calendar';
import { isNoPenalty, type Disposition } from './dispositions';
import type { LegalReviewDecision, Policy } from './policySettings';

/** Policies stored before legal review existed carry no list: nothing is reviewed. */
const named = (policy: Policy): readonly LegalReviewDecision[] => policy.legalReviewDecisions ?? [];

/**
 * The kind of decision under review when an order with this disposition needs it, if it does: an
 * off-list statutory no-penalty order is named on its own or as one of the no-penalty dispositions.
 */
export function orderUnderReview(disposition: Disposition, policy: Policy): LegalReviewDecision | undefined {
  if (disposition === 'statutory_no_penalty' && named(policy).includes('statutory_no_penalty'))
    return 'statutory_no_penalty';
  if (isNoPenalty(disposition) && named(policy).includes('no_penalty')) return 'no_penalty';
  return undefined;
}

/** Whether the policy sends decisions of this kind (an escalation, a conclusion) to legal review. */
export const needsLegalReview = (decision: LegalReviewDecision, policy: Policy): boolean =>
  named(policy).includes(decision);

/** A review is due within the policy's working days of the day the decision was sent to it. */
export const legalReviewDue = (sentOn: CalendarDate, policy: Policy): DueDate =>
  addWorkingDays(sentOn, policy.legalReviewWorkingDays ?? 5);
