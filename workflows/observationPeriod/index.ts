// Observation period (观察期): a time-boxed period of soft measures for a new-business-model
// enterprise. One workflow per period, keyed by enterprise and matter; its state is the source of
// truth. The enterprise first consents (or declines); then a check-in falls due every month, each
// an officer's task from the day its window opens; at the end date the officer concludes. Every
// date comes from domain/observation, every timer from the shared agenda (./deadlines.ts).
import { openStep } from '../humanStep';
import { processKit } from '../kit/processKit';
import { SYSTEM } from '../kit/recording';
import { observationView, type ObservationView } from '../messages';
import { onMilestone, postpone } from './deadlines';
import { opened } from './notices';
import { observationSteps } from './steps';
import { begin, FINAL, viewOf, type ObservationCase, type ObservationPeriodInput } from './state';

export type { ObservationPeriodInput } from './state';

export async function observationPeriod(input: ObservationPeriodInput): Promise<ObservationView> {
  const state = 'resume' in input ? input.resume : begin(input.request);
  const { policy } = state.request;
  const kit = processKit(state, {
    view: () => viewOf(state),
    query: observationView,
    final: FINAL,
    postpone: (step, days) => postpone(state, step, days),
  });
  const process: ObservationCase = { state, policy, kit };
  observationSteps(process);

  if ('request' in input) {
    openStep(state.agenda, { step: 'consent', assignee: 'business', due: state.timeline.consentDue });
    await kit.exclusive(() => kit.note(opened(state)));
  } else {
    // Points the read model at this run at once, so that steps sent by the period's id reach it.
    await kit.exclusive(() => kit.note({ actor: SYSTEM, action: 'observation.run_continued' }));
  }
  return kit.run((milestone) => onMilestone(process, milestone));
}
