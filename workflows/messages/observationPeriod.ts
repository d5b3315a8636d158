// Observation period (观察期) messages, shared by the workflow and the API.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CalendarDate,
  ConclusionOutcome,
  DueDate,
  EnforcementMatter,
  IncidentHarm,
  Policy,
  SoftMeasure,
  TerminationReason,
} from '../../domain';
import type { OpenStep } from '../humanStep';
import type { Actor, By, HistoryEntry } from './common';
import type { LegalReviewRound } from './legalReview';
import type { RectificationOrder } from './rectification';

/**
 * One open period per enterprise and matter: the workflow id is that business key, so a second
 * start while one runs fails (409 ALREADY_ACTIVE). A later period for the same key reuses the id
 * once the earlier one has closed; the period's public `id` is separate and maps to its run
 * through the read model.
 */
export const observationWorkflowId = (enterpriseId: string, matterCode: string) =>
  `observation:${enterpriseId}:${matterCode}`;

export interface ObservationRequest {
  id: string;
  enterpriseId: string;
  agency: string;
  matter: EnforcementMatter;
  /** The officer's citation of the legal or policy basis for flexible treatment. */
  legalBasis: string;
  reason: string;
  months: number;
  /** The first day of the period; the day the period is opened when not given. */
  startDate?: CalendarDate;
  openedBy: Actor;
  policy: Policy;
}

export const OBSERVATION_STATUSES = [
  'pending_consent',
  'active',
  'awaiting_conclusion',
  'awaiting_legal_review',
  'legal_review_returned',
  'passed',
  'escalated',
  'declined',
  'terminated',
] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];
/** The statuses a case ends at: its workflow completes, and its last recorded view is its view. */
export const OBSERVATION_FINAL: readonly ObservationStatus[] = ['passed', 'escalated', 'declined', 'terminated'];

/**
 * `planned`: its window has not opened; `open`: the officer's task, not yet due; `overdue`: due
 * date passed without a measure (the task stays, flagged, until a measure catches it up); `done`:
 * a measure counted for it; `missed`: still overdue when the period ended; `cancelled`: the period
 * ended before it fell due.
 */
export type CheckInStatus = 'planned' | 'open' | 'overdue' | 'done' | 'missed' | 'cancelled';

export interface CheckIn {
  number: number;
  /** First day a soft measure counts for this check-in. */
  opensOn: CalendarDate;
  dueOn: CalendarDate;
  provisional: boolean;
  status: CheckInStatus;
  /** The measure that completed it. */
  measure?: number;
  completedOn?: CalendarDate;
  /** Completed after its due date (caught up). */
  late?: boolean;
}

export interface SoftMeasureRecord {
  number: number;
  type: SoftMeasure;
  note: string;
  /** When the measure was taken (may be earlier than when it was recorded). */
  date: CalendarDate;
  recordedAt: string;
  recordedBy: string;
  /** The check-in it completed, if any. */
  checkIn?: number;
}

export interface Incident {
  number: number;
  description: string;
  harm: IncidentHarm;
  recordedAt: string;
  recordedBy: string;
}

export interface ObservationExtension {
  months: number;
  reason: string;
  grantedAt: string;
  grantedBy: string;
  previousEndDate: CalendarDate;
  endDate: CalendarDate;
  totalMonths: number;
}

export interface ObservationOutcome {
  result: 'passed' | 'escalated' | 'declined' | 'terminated';
  decidedOn: CalendarDate;
  /** The deciding user, or `system` when silence ended the consent window. */
  decidedBy: string;
  reason: string;
  terminationReason?: TerminationReason;
  rectificationId?: string;
}

export interface ObservationView {
  id: string;
  enterpriseId: string;
  agency: string;
  matterCode: string;
  legalBasis: string;
  reason: string;
  status: ObservationStatus;
  startDate: CalendarDate;
  endDate: CalendarDate;
  months: number;
  notifiedOn: CalendarDate;
  consentDue: DueDate;
  consent?: { accepted: boolean; decidedAt: string; decidedBy: string };
  checkIns: CheckIn[];
  measures: SoftMeasureRecord[];
  incidents: Incident[];
  extensions: ObservationExtension[];
  /** When the officer must conclude, counted from the (current) end date. */
  conclusionDue: DueDate;
  openSteps: OpenStep[];
  /** The earliest due date among the open steps (overdue ones included). */
  nextDueOn?: CalendarDate;
  /** The same as an instant: the end of that day in Asia/Shanghai. */
  nextDueAt?: string;
  outcome?: ObservationOutcome;
  /** The rectification an escalated conclusion ordered. */
  rectificationId?: string;
  /** A conclusion the agency's policy sent to legal review: it takes effect once approved. */
  pendingConclusion?: { outcome: ConclusionOutcome; reason: string; decidedBy: string };
  legalReviews?: LegalReviewRound[];
  policyVersion: string;
  history: HistoryEntry[];
}

export const observationView = defineQuery<ObservationView>('observationView');
/** Answers once the period is on record (its first projection written), so the id can be looked up. */
export const respondToObservation = defineUpdate<ObservationView, [By<{ accept: boolean }>]>('respondToObservation');
export const recordSoftMeasure = defineUpdate<
  ObservationView,
  [By<{ type: SoftMeasure; note: string; date?: CalendarDate }>]
>('recordSoftMeasure');
export const recordIncident = defineUpdate<ObservationView, [By<{ description: string; harm: IncidentHarm }>]>(
  'recordIncident',
);
export const extendObservation = defineUpdate<ObservationView, [By<{ months: number; reason: string }>]>(
  'extendObservation',
);
export const concludeObservation = defineUpdate<
  ObservationView,
  [By<{ outcome: ConclusionOutcome; reason: string; rectification?: RectificationOrder }>]
>('concludeObservation');
export const terminateObservation = defineUpdate<ObservationView, [By<{ reason: TerminationReason; note: string }>]>(
  'terminateObservation',
);
