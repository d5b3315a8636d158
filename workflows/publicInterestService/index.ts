// Public-interest service in lieu of a fine (公益抵罚): the party is offered to offset a fine by
// hours of community service, accepts or declines within 5 working days, logs its sessions for an
// officer to confirm, and by the deadline has offset the fine in full or in part. One workflow per
// offer, on the same process kit as the other processes; every amount and date from domain/.
import { processWorkflow } from '../kit/processWorkflow';
import { offsetView } from '../messages';
import { onMilestone, openAcceptanceStep, postpone } from './deadlines';
import { offered } from './notices';
import { publicInterestServiceSteps } from './steps';
import { begin, FINAL, viewOf, type OffsetInput } from './state';

export type { OffsetInput } from './state';

export const publicInterestService = processWorkflow({
  state: (input: OffsetInput) => ('resume' in input ? input.resume : begin(input.offer)),
  policy: (state) => state.offer.policy,
  view: viewOf,
  query: offsetView,
  final: FINAL,
  postpone,
  steps: publicInterestServiceSteps,
  open({ state }, input) {
    if (!('offer' in input)) return undefined;
    openAcceptanceStep(state);
    return offered(state);
  },
  onMilestone,
});
