// Rectification (整改): an order to correct a violation by a deadline, then evidence rounds and
// review (复查), extensions, and a follow-up visit (回访). One workflow per order; its state is the
// source of truth, every human step is an Update whose guard refuses illegal steps before they reach
// history, and every due date comes from domain/rectification.
import { openStep } from '../humanStep';
import { processKit } from '../kit/processKit';
import { rectificationView, type RectificationView } from '../messages';
import { onMilestone, openEvidenceStep, postpone } from './deadlines';
import { ordered } from './notices';
import { rectificationSteps } from './steps';
import { begin, FINAL, viewOf, type RectificationCase, type RectificationInput } from './state';

export type { RectificationInput } from './state';

export async function rectification(input: RectificationInput): Promise<RectificationView> {
  const state = 'resume' in input ? input.resume : begin(input.order);
  const { policy } = state.order;
  const kit = processKit(state, {
    view: () => viewOf(state),
    query: rectificationView,
    final: FINAL,
    postpone: (step, days) => postpone({ state, policy }, step, days),
  });
  const process: RectificationCase = { state, policy, kit };
  rectificationSteps(process);

  if ('order' in input) {
    if (kit.is('awaiting_commitment'))
      openStep(state.agenda, { step: 'commitment', assignee: 'business', due: state.timeline.commitmentDue! });
    else openEvidenceStep(state);
    await kit.exclusive(() => kit.note(ordered(state)));
  }
  return kit.run((milestone) => onMilestone(process, milestone));
}
