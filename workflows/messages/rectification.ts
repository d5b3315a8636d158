// Rectification (整改) messages, shared by the workflow and the API.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CalendarDate,
  DeadlineSpec,
  Disposition,
  DueDate,
  EnforcementMatter,
  Opinion,
  Policy,
  StatutoryGround,
} from '../../domain';
import type { OpenStep } from '../humanStep';
import type { Actor, By, HistoryEntry } from './common';
import type { LegalReviewRound } from './legalReview';

export const rectificationWorkflowId = (id: string) => `rectification:${id}`;

export interface RectificationOrder {
  id: string;
  enterpriseId: string;
  agency: string;
  matter: EnforcementMatter;
  disposition: Disposition;
  findings: string;
  requiredActions: string[];
  deadline?: DeadlineSpec;
  /** When the order was issued, if it is recorded later (e.g. issued on paper on site); today otherwise. */
  orderedOn?: CalendarDate;
  followUpAfterDays?: number;
  waivedFine: number;
  /** True when the officer gave no waived fine and it was taken from the agency's benchmark. */
  waivedFineEstimated?: boolean;
  /** statutory_no_penalty only: the statutory ground and the legal basis the decision cites. */
  statutoryGround?: StatutoryGround;
  legalBasis?: string;
  /** Coercive measures waived under the agency's no-coercion list (免予行政强制). */
  noCoercion?: boolean;
  orderedBy: Actor;
  /** The agency's policy version in force on the order day; `matter` is as the agency applied it then. */
  policy: Policy;
  /** The observation period whose escalated conclusion ordered this rectification. */
  observationPeriodId?: string;
}

export const RECTIFICATION_STATUSES = [
  'awaiting_legal_review',
  'legal_review_returned',
  'awaiting_commitment',
  'awaiting_evidence',
  'under_review',
  'follow_up',
  'closed',
  'overdue',
  'escalated',
] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
/** The statuses a case ends at: its workflow completes, and its last recorded view is its view. */
export const RECTIFICATION_FINAL: readonly RectificationStatus[] = ['closed', 'escalated'];

export interface EvidenceFile {
  evidenceId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface Submission {
  round: number;
  submittedAt: string;
  submittedBy: string;
  description: string;
  files: EvidenceFile[];
}

export interface Review {
  round: number;
  decision: 'accepted' | 'rejected';
  reasons: string;
  reviewedAt: string;
  reviewedBy: string;
}

export interface Extension {
  requestedAt?: string;
  requestedBy?: string;
  days: number;
  reason: string;
  decision?: { approve: boolean; reason: string; decidedAt: string; decidedBy: string; deadline?: DueDate };
}

export interface FollowUp {
  visitedOn: CalendarDate;
  outcome: 'compliant' | 'recurred';
  note: string;
  recordedBy: string;
  /** The register's fields (回访台账), recorded since visits ask the party's opinion. */
  corrected?: boolean;
  opinion?: Opinion;
  comments?: string;
}

export interface RectificationView {
  id: string;
  enterpriseId: string;
  agency: string;
  matterCode: string;
  disposition: Disposition;
  status: RectificationStatus;
  findings: string;
  requiredActions: string[];
  orderedOn: CalendarDate;
  deadline: DueDate;
  /** When the business is reminded of the deadline; null if that day had passed when it was set. */
  reminderOn: DueDate | null;
  commitment?: { signatory: string; statement: string; signedAt: string };
  submissions: Submission[];
  reviews: Review[];
  extensions: Extension[];
  followUps: FollowUp[];
  waivedFine: number;
  waivedFineEstimated?: boolean;
  statutoryGround?: StatutoryGround;
  legalBasis?: string;
  noCoercion?: boolean;
  /** Whether the accepted evidence came in by the deadline; set once accepted. */
  correctedOnTime?: boolean;
  openSteps: OpenStep[];
  nextDueOn?: CalendarDate;
  /** Set when an observation period's escalated conclusion ordered this rectification. */
  observationPeriodId?: string;
  /** Legal review (法制审核) rounds, where the agency's policy sent the order to review. */
  legalReviews?: LegalReviewRound[];
  policyVersion: string;
  history: HistoryEntry[];
}

export const rectificationView = defineQuery<RectificationView>('rectificationView');
export const signCommitment = defineUpdate<RectificationView, [By<{ signatory: string; statement: string }>]>(
  'signCommitment',
);
export const submitEvidence = defineUpdate<RectificationView, [By<{ description: string; files: EvidenceFile[] }>]>(
  'submitEvidence',
);
export const reviewEvidence = defineUpdate<
  RectificationView,
  [By<{ decision: 'accepted' | 'rejected'; reasons: string }>]
>('reviewEvidence');
export const requestExtension = defineUpdate<RectificationView, [By<{ days: number; reason: string }>]>(
  'requestExtension',
);
export const decideExtension = defineUpdate<
  RectificationView,
  [By<{ approve: boolean; reason: string; days?: number }>]
>('decideExtension');
export const recordFollowUp = defineUpdate<
  RectificationView,
  [By<{ visitedOn: CalendarDate; outcome: 'compliant' | 'recurred'; note: string } & FollowUpOpinion>]
>('recordFollowUp');

/** What a follow-up visit records of the party's view, besides the process's own outcome. */
export interface FollowUpOpinion {
  corrected?: boolean;
  opinion?: Opinion;
  comments?: string;
}
export const escalateRectification = defineUpdate<RectificationView, [By<{ reason: string }>]>('escalateRectification');
