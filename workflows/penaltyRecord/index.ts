// Penalty record publication and credit repair (信用修复): one workflow per penalty decision, from
// its entry until its publication period is over. The record's own dates (repair eligibility, the
// maximum period) sit on the shared agenda as planned entries, so the one agenda loop sleeps until
// them; credit staff's review steps are ordinary human steps. Every date comes from
// domain/creditRepair.
import { processKit } from '../kit/processKit';
import { penaltyRecordView, type PenaltyRecordView } from '../messages';
import { onMilestone, planMilestone, postpone } from './deadlines';
import { eligibilityNotice, entered } from './notices';
import { penaltyRecordSteps } from './steps';
import { begin, ELIGIBILITY, EXPIRY, FINAL, viewOf, type PenaltyRecordCase, type PenaltyRecordInput } from './state';

export type { PenaltyRecordInput } from './state';

export async function penaltyRecord(input: PenaltyRecordInput): Promise<PenaltyRecordView> {
  const state = 'resume' in input ? input.resume : begin(input.entry);
  const { policy } = state.entry;
  const kit = processKit(state, {
    view: () => viewOf(state),
    query: penaltyRecordView,
    final: FINAL,
    postpone: (step, days) => postpone({ state, policy }, step, days),
  });
  const process: PenaltyRecordCase = { state, policy, kit };
  penaltyRecordSteps(process);

  if ('entry' in input) {
    if (kit.is('published')) planMilestone(state, ELIGIBILITY, state.timeline.minUntil!);
    if (kit.is('published', 'repair_eligible')) planMilestone(state, EXPIRY, state.timeline.maxUntil!);
    const eligibleNow = kit.is('repair_eligible') ? eligibilityNotice(state) : {};
    await kit.exclusive(() => kit.note(entered(state, eligibleNow)));
  }
  return kit.run(
    (milestone) => onMilestone(process, milestone),
    () => kit.is(...FINAL) || state.periodOver,
  );
}
