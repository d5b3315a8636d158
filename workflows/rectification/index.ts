// Rectification (整改): an order to correct a violation by a deadline, then evidence rounds and
// review (复查), extensions, and a follow-up visit (回访). One workflow per order; its state is the
// source of truth, every human step is an Update whose guard refuses illegal steps before they reach
// history, and every due date comes from domain/rectification.
import { orderUnderReview } from '../../domain';
import { openStep } from '../humanStep';
import { sendToLegalReview } from '../kit/legalReview';
import { processWorkflow } from '../kit/processWorkflow';
import { rectificationView } from '../messages';
import { onMilestone, openEvidenceStep, postpone } from './deadlines';
import { rectificationLegalReview } from './legalReview';
import { ordered, sentToLegalReview } from './notices';
import { rectificationSteps } from './steps';
import { begin, FINAL, viewOf, type RectificationInput } from './state';

export type { RectificationInput } from './state';

export const rectification = processWorkflow({
  state: (input: RectificationInput) => ('resume' in input ? input.resume : begin(input.order)),
  policy: (state) => state.order.policy,
  view: viewOf,
  query: rectificationView,
  final: FINAL,
  postpone,
  steps(process) {
    rectificationSteps(process);
    rectificationLegalReview(process);
  },
  open(process, input) {
    const { state, kit } = process;
    if (!('order' in input)) return undefined;
    if (kit.is('awaiting_legal_review')) {
      sendToLegalReview(process, orderUnderReview(state.order.disposition, process.policy)!, state.order.orderedBy);
      return sentToLegalReview(state);
    }
    if (kit.is('awaiting_commitment'))
      openStep(state.agenda, { step: 'commitment', assignee: 'business', due: state.timeline.commitmentDue! });
    else openEvidenceStep(state);
    return ordered(state);
  },
  onMilestone,
});
