// Penalty record publication and credit repair (信用修复): one workflow per penalty decision, from
// its entry until its publication period is over. The record's own dates (repair eligibility, the
// maximum period) sit on the shared agenda as planned entries, so the one agenda loop sleeps until
// them; credit staff's review steps are ordinary human steps. Every date comes from
// domain/creditRepair.
import { processWorkflow } from '../kit/processWorkflow';
import { penaltyRecordView } from '../messages';
import { onMilestone, planMilestone, postpone } from './deadlines';
import { eligibilityNotice, entered } from './notices';
import { penaltyRecordSteps } from './steps';
import { begin, ELIGIBILITY, EXPIRY, FINAL, viewOf, type PenaltyRecordInput } from './state';

export type { PenaltyRecordInput } from './state';

export const penaltyRecord = processWorkflow({
  state: (input: PenaltyRecordInput) => ('resume' in input ? input.resume : begin(input.entry)),
  policy: (state) => state.entry.policy,
  view: viewOf,
  query: penaltyRecordView,
  final: FINAL,
  postpone,
  steps: penaltyRecordSteps,
  open({ state, kit }, input) {
    if (!('entry' in input)) return undefined;
    if (kit.is('published')) planMilestone(state, ELIGIBILITY, state.timeline.minUntil!);
    if (kit.is('published', 'repair_eligible')) planMilestone(state, EXPIRY, state.timeline.maxUntil!);
    return entered(state, kit.is('repair_eligible') ? eligibilityNotice(state) : {});
  },
  onMilestone,
  isDone: ({ state, kit }) => kit.is(...FINAL) || state.periodOver,
});
