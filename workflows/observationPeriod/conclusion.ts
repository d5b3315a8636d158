// An observation period's conclusion: it takes effect at once (the outcome into the credit file, a
// linked rectification ordered for an escalation), or, where the agency's policy names conclusions
// for legal review (法制审核), it waits in `awaiting_legal_review` and takes effect once approved.
import { startChild } from '@temporalio/workflow';
import { closeSteps } from '../humanStep';
import { legalReviewSteps, sendToLegalReview } from '../kit/legalReview';
import { today } from '../kit/recording';
import { rectificationWorkflowId, type Actor, type ObservationView } from '../messages';
import type { rectification } from '../rectification';
import { endPeriod } from './ending';
import { concluded } from './notices';
import type { ObservationCase, PendingConclusion } from './state';

/** The conclusion takes effect today; `actor` records it (the officer, or the reviewer approving it). */
export async function conclude(
  process: ObservationCase,
  { outcome, reason, rectification: order, by }: PendingConclusion,
  actor: Actor,
): Promise<ObservationView> {
  const { state } = process;
  if (order) {
    // Started before anything changes here, so that a failed start leaves the period as it was.
    await startChild<typeof rectification>('rectification', {
      workflowId: rectificationWorkflowId(order.id),
      args: [{ order: { ...order, observationPeriodId: state.id } }],
      parentClosePolicy: 'ABANDON',
    });
  }
  const decided = { result: outcome, decidedOn: today(), decidedBy: by.sub, reason };
  return endPeriod(process, ...concluded({ ...decided, ...(order ? { rectificationId: order.id } : {}) }, actor));
}

export function holdForLegalReview(process: ObservationCase, pending: PendingConclusion): Promise<ObservationView> {
  const { state, kit } = process;
  state.pendingConclusion = pending;
  closeSteps(state.agenda, (s) => s.step === 'conclusion');
  sendToLegalReview(process, 'observation_conclusion', pending.by);
  return kit.move('awaiting_legal_review', {
    actor: pending.by,
    action: 'observation.conclusion_sent_to_legal_review',
    reason: pending.reason,
    notify: [
      {
        recipientRole: 'legal_reviewer',
        kind: 'legal_review_requested',
        message: `An observation period's conclusion (${pending.outcome}) awaits legal review.`,
      },
    ],
  });
}

/** Approval lets the held conclusion take effect. */
export function conclusionLegalReview(process: ObservationCase): void {
  legalReviewSteps(process, {
    async approved(actor) {
      const pending = process.state.pendingConclusion!;
      delete process.state.pendingConclusion;
      return conclude(process, pending, actor);
    },
  });
}
