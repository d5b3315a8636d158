// A public-interest service case's state (the workflow's own, carried through continue-as-new) and
// the view the API shows of it.
import { offsetTerms, toHours, toMinutes, type OffsetTerms } from '../../domain';
import type { ProcessCase } from '../kit/processWorkflow';
import { coreView, newCore, today, type ProcessCore } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import type { OffsetOffer, OffsetOutcomeView, OffsetStatus, OffsetView, ServiceSession } from '../messages';
import { OFFSET_FINAL } from '../messages';

/** A session as the workflow keeps it: with the key of the officer's confirmation step while pending. */
export type KeptSession = ServiceSession & { stepKey?: string };

export interface OffsetState extends ProcessCore {
  status: OffsetStatus;
  offer: OffsetOffer;
  terms: OffsetTerms;
  acceptance?: OffsetView['acceptance'];
  sessions: KeptSession[];
  outcome?: OffsetOutcomeView;
}

export type OffsetInput = { offer: OffsetOffer } | { resume: OffsetState };

export type OffsetCase = ProcessCase<OffsetState, OffsetView>;

export const FINAL = OFFSET_FINAL;

export function begin(offer: OffsetOffer): OffsetState {
  const terms = offsetTerms({ offeredOn: today(), fine: offer.fine }, offer.policy);
  if (!terms.ok) throwRefusal(terms.refusal);
  const { id, enterpriseId, agency } = offer;
  return {
    ...newCore('offset', 'offered', { id, enterpriseId, agency, matterCode: offer.matter.code }),
    offer,
    terms: terms.value,
    sessions: [],
  };
}

/** Minutes of service an officer has confirmed: only these count towards the fine. */
export const confirmedMinutes = (state: OffsetState): number =>
  state.sessions.filter((s) => s.status === 'confirmed').reduce((sum, s) => sum + toMinutes(s.hours), 0);

export function viewOf(s: OffsetState): OffsetView {
  return {
    ...coreView(s),
    agency: s.offer.agency,
    matterCode: s.offer.matter.code,
    reason: s.offer.reason,
    fine: s.offer.fine,
    hours: s.terms.hours,
    hoursConfirmed: toHours(confirmedMinutes(s)),
    yuanPerHour: s.terms.yuanPerHour,
    offeredOn: s.terms.offeredOn,
    acceptanceDue: s.terms.acceptanceDue,
    deadline: s.terms.deadline,
    ...(s.acceptance ? { acceptance: s.acceptance } : {}),
    sessions: s.sessions.map(({ stepKey: _internal, ...shown }) => shown),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    policyVersion: s.terms.policyVersion,
  };
}
