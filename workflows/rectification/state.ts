// A rectification's state (the workflow's own, carried through continue-as-new) and the view the
// API shows of it.
import { patched } from '@temporalio/workflow';
import {
  needsCommitment,
  orderUnderReview,
  rectificationTimeline,
  type DueDate,
  type RectificationTimeline,
} from '../../domain';
import type { UnderLegalReview } from '../kit/legalReview';
import type { ProcessCase } from '../kit/processWorkflow';
import { coreView, newCore, today, type ProcessCore } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import type {
  Extension,
  FollowUp,
  RectificationOrder,
  RectificationStatus,
  RectificationView,
  Review,
  Submission,
} from '../messages';
import { RECTIFICATION_FINAL } from '../messages';

export interface RectificationState extends ProcessCore, UnderLegalReview {
  status: RectificationStatus;
  order: RectificationOrder;
  timeline: RectificationTimeline;
  deadline: DueDate;
  commitment?: RectificationView['commitment'];
  submissions: Submission[];
  reviews: Review[];
  extensions: Extension[];
  followUps: FollowUp[];
  correctedOnTime?: boolean;
}

export type RectificationInput = { order: RectificationOrder } | { resume: RectificationState };

export type RectificationCase = ProcessCase<RectificationState, RectificationView>;

export const FINAL = RECTIFICATION_FINAL;
export const ESCALATABLE: readonly RectificationStatus[] = [
  'legal_review_returned',
  'awaiting_commitment',
  'awaiting_evidence',
  'under_review',
  'overdue',
];

export function begin(order: RectificationOrder): RectificationState {
  const orderedOn = order.orderedOn ?? today();
  const timeline = rectificationTimeline(
    { orderedOn, disposition: order.disposition, matter: order.matter, deadline: order.deadline },
    order.policy,
  );
  if (!timeline.ok) throwRefusal(timeline.refusal);
  // Orders from before legal review existed never wait for it; their policies named nothing anyway.
  const status: RectificationStatus =
    orderUnderReview(order.disposition, order.policy) && patched('legal-review')
      ? 'awaiting_legal_review'
      : firstStatus(order);
  const { id, enterpriseId, agency } = order;
  return {
    ...newCore('rectification', status, {
      id,
      enterpriseId,
      agency,
      matterCode: order.matter.code,
      violationOn: orderedOn,
    }),
    order,
    timeline: timeline.value,
    deadline: timeline.value.deadline,
    submissions: [],
    reviews: [],
    extensions: [],
    followUps: [],
  };
}

/** Where an order starts, or goes once legal review approves it. */
export const firstStatus = (order: RectificationOrder): RectificationStatus =>
  needsCommitment(order.disposition) ? 'awaiting_commitment' : 'awaiting_evidence';

/** The business's extension request still awaiting the officer's decision, if any. */
export const pendingRequest = (state: RectificationState): Extension | undefined =>
  state.extensions.find((e) => e.requestedBy && !e.decision);

export function viewOf(s: RectificationState): RectificationView {
  return {
    ...coreView(s),
    agency: s.order.agency,
    matterCode: s.order.matter.code,
    disposition: s.order.disposition,
    findings: s.order.findings,
    requiredActions: s.order.requiredActions,
    orderedOn: s.timeline.orderedOn,
    deadline: s.deadline,
    reminderOn: s.timeline.reminderOn,
    ...(s.commitment ? { commitment: s.commitment } : {}),
    submissions: s.submissions,
    reviews: s.reviews,
    extensions: s.extensions,
    followUps: s.followUps,
    waivedFine: s.order.waivedFine,
    ...orderTerms(s.order),
    ...(s.correctedOnTime === undefined ? {} : { correctedOnTime: s.correctedOnTime }),
    ...(s.order.observationPeriodId ? { observationPeriodId: s.order.observationPeriodId } : {}),
    ...(s.legalReviews ? { legalReviews: s.legalReviews } : {}),
    policyVersion: s.timeline.policyVersion,
  };
}

/** The order's optional terms, shown only where the order has them (orders before they existed have none). */
function orderTerms(order: RectificationOrder): Partial<RectificationView> {
  const { waivedFineEstimated, statutoryGround, legalBasis, noCoercion } = order;
  return {
    ...(waivedFineEstimated ? { waivedFineEstimated } : {}),
    ...(statutoryGround ? { statutoryGround } : {}),
    ...(legalBasis ? { legalBasis } : {}),
    ...(noCoercion ? { noCoercion } : {}),
  };
}
