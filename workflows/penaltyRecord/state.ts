// A penalty record's state (the workflow's own, carried through continue-as-new) and the view the
// API shows of it.
import { publicationTimeline, type PublicationTimeline } from '../../domain';
import { isPlanned } from '../humanStep';
import type { ProcessCase } from '../kit/processWorkflow';
import { coreView, newCore, today, type ProcessCore } from '../kit/recording';
import type {
  PenaltyRecordEntry,
  PenaltyRecordStatus,
  PenaltyRecordView,
  RepairApplicationStatus,
  RepairDecisionKind,
  RepairProgress,
} from '../messages';
import { PENALTY_RECORD_FINAL } from '../messages';

export interface PenaltyRecordState extends ProcessCore, RepairProgress {
  status: PenaltyRecordStatus;
  entry: PenaltyRecordEntry;
  timeline: PublicationTimeline;
  /** Shown on the publication platforms right now. */
  shown: boolean;
  /** The maximum period has passed for a repaired record: nothing is left to happen. */
  periodOver: boolean;
}

export type PenaltyRecordInput = { entry: PenaltyRecordEntry } | { resume: PenaltyRecordState };

export type PenaltyRecordCase = ProcessCase<PenaltyRecordState, PenaltyRecordView>;

/** The record's own dates, planned on the agenda; they are nobody's task. */
export const ELIGIBILITY = 'repair_eligibility';
export const EXPIRY = 'publication_expiry';
/** Credit staff's steps on an application. */
export const ACCEPTANCE = 'repair_acceptance';
export const DECISION = 'repair_decision';

export const FINAL = PENALTY_RECORD_FINAL;
export const IN_REVIEW: readonly PenaltyRecordStatus[] = ['application_pending', 'under_review'];

/** Which decisions an application can take in each of its states. */
export const DECISIONS_ALLOWED: Readonly<Record<RepairApplicationStatus, readonly RepairDecisionKind[]>> = {
  pending: ['accepted', 'rejected', 'needs_more'],
  accepted: ['approved', 'rejected', 'needs_more'],
  needs_more: ['rejected'],
  approved: [],
  rejected: [],
  lapsed: [],
};

export function begin(entry: PenaltyRecordEntry): PenaltyRecordState {
  const timeline = publicationTimeline(entry, today(), entry.policy);
  const { id, enterpriseId, agency, matterCode } = entry;
  return {
    // A penalty decision is an earlier violation for 首违不罚 checks of later cases.
    ...newCore('penalty_record', timeline.status, {
      id,
      enterpriseId,
      agency,
      matterCode,
      violationOn: entry.decidedOn,
    }),
    entry,
    timeline,
    shown: timeline.status === 'published' || timeline.status === 'repair_eligible',
    ...(timeline.status === 'expired' ? { expiredOn: timeline.maxUntil! } : {}),
    barredUntil: null,
    applications: [],
    decisions: [],
    revocations: [],
    correctionProofs: [],
    periodOver: false,
  };
}

export function viewOf(s: PenaltyRecordState): PenaltyRecordView {
  const { entry, timeline } = s;
  return {
    ...coreView(s),
    ...(s.agency ? { agency: s.agency } : {}),
    decisionNo: entry.decisionNo,
    decidedOn: entry.decidedOn,
    severity: entry.severity,
    procedure: entry.procedure,
    penalties: entry.penalties,
    ...(entry.matterCode ? { matterCode: entry.matterCode } : {}),
    category: timeline.category,
    publication: { published: s.shown, from: timeline.from, minUntil: timeline.minUntil, maxUntil: timeline.maxUntil },
    repairEligibleFrom: timeline.repairEligibleFrom,
    ...(s.eligibilityNoticeOn ? { eligibilityNoticeOn: s.eligibilityNoticeOn } : {}),
    ...(s.repairedOn ? { repairedOn: s.repairedOn } : {}),
    ...(s.expiredOn ? { expiredOn: s.expiredOn } : {}),
    barredUntil: s.barredUntil,
    applications: s.applications,
    decisions: s.decisions,
    revocations: s.revocations,
    correctionProofs: s.correctionProofs,
    upcoming: s.agenda.steps
      .filter(isPlanned)
      .map((st) => ({ milestone: st.step, on: st.opensOn! }))
      .sort((a, b) => (a.on < b.on ? -1 : 1)),
    ruleSet: timeline.ruleSet,
    ruleSetBackdated: timeline.ruleSetBackdated,
    policyVersion: timeline.policyVersion,
  };
}
