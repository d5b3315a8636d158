// Rectification (整改): an order to correct a violation by a deadline, then evidence rounds and
// review (复查), extensions, and a follow-up visit (回访). One workflow per order; its state is the
// source of truth, every human step is an Update whose guard refuses illegal steps before they reach
// history, and every due date comes from domain/rectification.
import { openStep } from '../humanStep';
import { processWorkflow } from '../kit/processWorkflow';
import { rectificationView } from '../messages';
import { onMilestone, openEvidenceStep, postpone } from './deadlines';
import { ordered } from './notices';
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
  steps: rectificationSteps,
  open({ state, kit }, input) {
    if (!('order' in input)) return undefined;
    if (kit.is('awaiting_commitment'))
      openStep(state.agenda, { step: 'commitment', assignee: 'business', due: state.timeline.commitmentDue! });
    else openEvidenceStep(state);
    return ordered(state);
  },
  onMilestone,
});
