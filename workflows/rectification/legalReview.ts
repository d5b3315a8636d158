// A rectification order the agency's policy sends to legal review (a no-penalty disposition, or an
// off-list statutory one): it waits in `awaiting_legal_review`, and takes effect only once approved,
// when the party is told and its commitment (or evidence) window opens from the day of approval.
import { addWorkingDays } from '../../domain';
import { legalReviewSteps } from '../kit/legalReview';
import { today } from '../kit/recording';
import { openEvidenceStep } from './deadlines';
import { firstStatus, type RectificationCase } from './state';
import { openStep } from '../humanStep';
import { ordered } from './notices';

export function rectificationLegalReview(process: RectificationCase): void {
  const { state, policy, kit } = process;
  legalReviewSteps(process, {
    async approved(actor, reasons) {
      const status = firstStatus(state.order);
      if (status === 'awaiting_commitment') {
        state.timeline = { ...state.timeline, commitmentDue: addWorkingDays(today(), policy.commitmentWorkingDays) };
        openStep(state.agenda, { step: 'commitment', assignee: 'business', due: state.timeline.commitmentDue! });
      } else openEvidenceStep(state);
      // The order reaches the party only now, as it would have on the order day without review.
      return kit.move(status, {
        ...ordered(state),
        actor,
        action: 'rectification.legal_review_approved',
        reason: reasons,
      });
    },
  });
}
