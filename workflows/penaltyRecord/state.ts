// A penalty record's state (the workflow's own, carried through continue-as-new) and the view the
// API shows of it.
import { publicationTimeline, type Policy, type PublicationTimeline } from '../../domain';
import { isPlanned, newAgenda, nextDueOn, openSteps } from '../humanStep';
import type { ProcessKit } from '../kit/processKit';
import { today, type ProcessCore } from '../kit/recording';
import type {
  PenaltyRecordEntry,
  PenaltyRecordStatus,
  PenaltyRecordView,
  RepairApplicationStatus,
  RepairDecisionKind,
  RepairProgress,
} from '../messages';

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

/** What the parts of the workflow share: the state, the case's policy and the process kit. */
export interface PenaltyRecordCase {
  state: PenaltyRecordState;
  policy: Policy;
  kit: ProcessKit<PenaltyRecordStatus, PenaltyRecordView>;
}

/** The record's own dates, planned on the agenda; they are nobody's task. */
export const ELIGIBILITY = 'repair_eligibility';
export const EXPIRY = 'publication_expiry';
/** Credit staff's steps on an application. */
export const ACCEPTANCE = 'repair_acceptance';
export const DECISION = 'repair_decision';

export const FINAL: readonly PenaltyRecordStatus[] = ['not_published', 'expired'];
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
  return {
    type: 'penalty_record',
    id: entry.id,
    enterpriseId: entry.enterpriseId,
    agency: entry.agency,
    matterCode: entry.matterCode,
    // A penalty decision is an earlier violation for 首违不罚 checks of later cases.
    violationOn: entry.decidedOn,
    status: timeline.status,
    openedAt: new Date().toISOString(),
    version: 0,
    history: [],
    agenda: newAgenda(),
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
  const next = nextDueOn(s.agenda);
  return {
    id: s.id,
    enterpriseId: s.enterpriseId,
    ...(s.agency ? { agency: s.agency } : {}),
    decisionNo: entry.decisionNo,
    decidedOn: entry.decidedOn,
    severity: entry.severity,
    procedure: entry.procedure,
    penalties: entry.penalties,
    ...(entry.matterCode ? { matterCode: entry.matterCode } : {}),
    category: timeline.category,
    status: s.status,
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
    openSteps: openSteps(s.agenda),
    ...(next ? { nextDueOn: next } : {}),
    upcoming: s.agenda.steps
      .filter(isPlanned)
      .map((st) => ({ milestone: st.step, on: st.opensOn! }))
      .sort((a, b) => (a.on < b.on ? -1 : 1)),
    ruleSet: timeline.ruleSet,
    ruleSetBackdated: timeline.ruleSetBackdated,
    policyVersion: timeline.policyVersion,
    history: s.history,
  };
}
