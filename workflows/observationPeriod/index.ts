// Observation period (观察期): a time-boxed period of soft measures for a new-business-model
// enterprise. One workflow per period, keyed by enterprise and matter; its state is the source of
// truth. The enterprise first consents (or declines); then a check-in falls due every month, each
// an officer's task from the day its window opens; at the end date the officer concludes. Every
// date comes from domain/observation, every timer from the shared agenda (./deadlines.ts).
import { openStep } from '../humanStep';
import { processWorkflow } from '../kit/processWorkflow';
import { SYSTEM } from '../kit/recording';
import { observationView } from '../messages';
import { conclusionLegalReview } from './conclusion';
import { onMilestone, postpone } from './deadlines';
import { opened } from './notices';
import { observationSteps } from './steps';
import { begin, FINAL, viewOf, type ObservationPeriodInput } from './state';

export type { ObservationPeriodInput } from './state';

export const observationPeriod = processWorkflow({
  state: (input: ObservationPeriodInput) => ('resume' in input ? input.resume : begin(input.request)),
  policy: (state) => state.request.policy,
  view: viewOf,
  query: observationView,
  final: FINAL,
  postpone: ({ state }, step, days) => postpone(state, step, days),
  steps(process) {
    observationSteps(process);
    conclusionLegalReview(process);
  },
  open({ state }, input) {
    // A continued run points the read model at itself at once, so that steps sent by the period's id reach it.
    if (!('request' in input)) return { actor: SYSTEM, action: 'observation.run_continued' };
    openStep(state.agenda, { step: 'consent', assignee: 'business', due: state.timeline.consentDue });
    return opened(state);
  },
  onMilestone,
});
