// Penalty record publication and credit repair (信用修复) messages, shared by the workflow and the API.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CalendarDate,
  DueDate,
  Penalty,
  Policy,
  RecordCategory,
  ReviewPause,
  ReviewPostponements,
  RuleSetId,
  Severity,
} from '../../domain';
import type { OpenStep } from '../humanStep';
import type { Actor, By, HistoryEntry } from './common';

export const penaltyRecordWorkflowId = (id: string) => `penalty-record:${id}`;

/** A penalty decision as entered by credit staff or an officer (often loaded from another system). */
export interface PenaltyRecordEntry {
  id: string;
  enterpriseId: string;
  /** The deciding agency, whose officers see the record. */
  agency?: string;
  decisionNo: string;
  decidedOn: CalendarDate;
  severity: Severity;
  procedure: 'simple' | 'general';
  penalties: Penalty[];
  matterCode?: string;
  enteredBy: Actor;
  policy: Policy;
}

export const PENALTY_RECORD_STATUSES = [
  'not_published',
  'published',
  'repair_eligible',
  'application_pending',
  'under_review',
  'repaired',
  'expired',
  'revoked',
] as const;
export type PenaltyRecordStatus = (typeof PENALTY_RECORD_STATUSES)[number];
/** The statuses a case ends at: its workflow completes, and its last recorded view is its view. */
export const PENALTY_RECORD_FINAL: readonly PenaltyRecordStatus[] = ['not_published', 'expired'];

/** A rectification that closed compliant for the record's matter, cited instead of a new proof of correction. */
export interface CorrectionProofReference {
  rectificationId: string;
}

/** Each material is a description or a reference to a document (archive number, evidence id). */
export interface RepairApplicationMaterials {
  commitmentLetter?: string;
  fulfilmentProof?: string;
  correctionProof?: string | CorrectionProofReference;
  creditReport?: string;
  trainingCertificate?: string;
}

export const REPAIR_DECISIONS = ['accepted', 'approved', 'rejected', 'needs_more'] as const;
export type RepairDecisionKind = (typeof REPAIR_DECISIONS)[number];

/**
 * `pending` until accepted for processing (受理), `accepted` while under review, `needs_more` while
 * the business is asked to supplement (the review clock stops), then `approved` or `rejected`;
 * `lapsed` when publication expired before a decision.
 */
export type RepairApplicationStatus = 'pending' | 'accepted' | 'needs_more' | 'approved' | 'rejected' | 'lapsed';

export interface Supplement {
  suppliedOn: CalendarDate;
  suppliedAt: string;
  suppliedBy: string;
  materials: RepairApplicationMaterials;
  note?: string;
}

export interface RepairApplication {
  id: string;
  appliedOn: CalendarDate;
  appliedAt: string;
  appliedBy: string;
  materials: RepairApplicationMaterials;
  status: RepairApplicationStatus;
  /** Accept or refuse to accept by then; null while a needs_more pause holds the clock. */
  acceptBy: DueDate | null;
  /** Decide by then; null while a needs_more pause holds the clock. */
  decideBy: DueDate | null;
  pauses: ReviewPause[];
  /** Calendar days bulk extensions have put the deadlines off. */
  postponedDays?: ReviewPostponements;
  supplements: Supplement[];
  acceptedOn?: CalendarDate;
  decidedOn?: CalendarDate;
}

export interface RepairDecision {
  applicationId: string;
  decision: RepairDecisionKind;
  reasons: string;
  decidedOn: CalendarDate;
  decidedAt: string;
  decidedBy: string;
}

export interface Revocation {
  revokedOn: CalendarDate;
  revokedAt: string;
  revokedBy: string;
  reason: string;
  /** New applications are refused (REPAIR_BARRED) before this day. */
  barredUntil: CalendarDate;
}

/** What a rectification closed compliant tells the penalty records of its enterprise and matter. */
export interface CorrectionProven {
  rectificationId: string;
  matterCode: string;
  closedOn: CalendarDate;
  /** The files of the accepted evidence round. */
  evidenceIds: string[];
}

export interface CorrectionProof extends CorrectionProven {
  provenOn: CalendarDate;
}

export interface Publication {
  /** Shown now: false before entry of a minor record, after a repair and after expiry. */
  published: boolean;
  from: CalendarDate | null;
  minUntil: CalendarDate | null;
  maxUntil: CalendarDate | null;
}

/** What happens to a record after its entry: notices, applications, decisions, revocations. */
export interface RepairProgress {
  /** When the enterprise was told it may apply (主动告知). */
  eligibilityNoticeOn?: CalendarDate;
  repairedOn?: CalendarDate;
  expiredOn?: CalendarDate;
  barredUntil: CalendarDate | null;
  applications: RepairApplication[];
  decisions: RepairDecision[];
  revocations: Revocation[];
  correctionProofs: CorrectionProof[];
}

export interface PenaltyRecordView extends Omit<PenaltyRecordEntry, 'enteredBy' | 'policy'>, RepairProgress {
  category: RecordCategory;
  status: PenaltyRecordStatus;
  publication: Publication;
  repairEligibleFrom: CalendarDate | null;
  openSteps: OpenStep[];
  nextDueOn?: CalendarDate;
  /** The dates the workflow is waiting for: eligibility, expiry. */
  upcoming: Array<{ milestone: string; on: CalendarDate }>;
  ruleSet: RuleSetId;
  ruleSetBackdated: boolean;
  policyVersion: string;
  history: HistoryEntry[];
}

export const penaltyRecordView = defineQuery<PenaltyRecordView>('penaltyRecordView');
export const applyForRepair = defineUpdate<PenaltyRecordView, [By<{ materials: RepairApplicationMaterials }>]>(
  'applyForRepair',
);
export const decideRepair = defineUpdate<
  PenaltyRecordView,
  [By<{ applicationId: string; decision: RepairDecisionKind; reasons: string }>]
>('decideRepair');
export const supplementRepair = defineUpdate<
  PenaltyRecordView,
  [By<{ applicationId: string; materials: RepairApplicationMaterials; note?: string }>]
>('supplementRepair');
export const revokeRepair = defineUpdate<PenaltyRecordView, [By<{ reason: string }>]>('revokeRepair');
/** Sent by an activity when a rectification closes compliant; repeats are ignored. */
export const correctionProven = defineSignal<[CorrectionProven]>('correctionProven');
