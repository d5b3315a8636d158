// An observation period's state (the workflow's own, carried through continue-as-new) and the view
// the API shows of it.
import {
  checkInWindows,
  dueAtOf,
  isBefore,
  planObservationPeriod,
  type CalendarDate,
  type CheckInWindow,
  type ConclusionOutcome,
  type ObservationTimeline,
} from '../../domain';
import type { UnderLegalReview } from '../kit/legalReview';
import { isPlanned } from '../humanStep';
import type { ProcessCase } from '../kit/processWorkflow';
import { coreView, newCore, today, type ProcessCore } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import type {
  Actor,
  CheckIn,
  Incident,
  ObservationExtension,
  ObservationOutcome,
  ObservationRequest,
  ObservationStatus,
  ObservationView,
  RectificationOrder,
  SoftMeasureRecord,
} from '../messages';
import { OBSERVATION_FINAL } from '../messages';

/** A check-in window, and what became of it. */
export interface CheckInState extends CheckInWindow {
  /** The agenda step, once the period is under way (after consent). */
  stepKey?: string;
  measure?: number;
  completedOn?: CalendarDate;
  /** How it ended without a measure, when the period ended first. */
  settled?: 'missed' | 'cancelled';
  /** Calendar days bulk extensions have put its due date off; kept when the period is re-planned. */
  postponedDays?: number;
}

export interface ObservationState extends ProcessCore, UnderLegalReview {
  status: ObservationStatus;
  request: ObservationRequest;
  timeline: ObservationTimeline;
  consent?: ObservationView['consent'];
  checkIns: CheckInState[];
  measures: SoftMeasureRecord[];
  incidents: Incident[];
  extensions: ObservationExtension[];
  conclusionKey?: string;
  outcome?: ObservationOutcome;
  /** A conclusion held for legal review, with the rectification it would order. */
  pendingConclusion?: PendingConclusion;
}

export interface PendingConclusion {
  outcome: ConclusionOutcome;
  reason: string;
  rectification?: RectificationOrder;
  by: Actor;
}

export type ObservationPeriodInput = { request: ObservationRequest } | { resume: ObservationState };

export type ObservationCase = ProcessCase<ObservationState, ObservationView>;

export const FINAL = OBSERVATION_FINAL;
/** Consented and not yet concluded: measures, incidents and extensions are recorded. */
export const UNDER_WAY: readonly ObservationStatus[] = ['active', 'awaiting_conclusion'];

export function begin(request: ObservationRequest): ObservationState {
  const notifiedOn = today();
  const plan = planObservationPeriod(
    { matter: request.matter, startDate: request.startDate ?? notifiedOn, months: request.months, notifiedOn },
    request.policy,
  );
  if (!plan.ok) throwRefusal(plan.refusal);
  const { id, enterpriseId, agency } = request;
  return {
    ...newCore('observation_period', 'pending_consent', { id, enterpriseId, agency, matterCode: request.matter.code }),
    request,
    timeline: plan.value,
    checkIns: checkInWindows(plan.value),
    measures: [],
    incidents: [],
    extensions: [],
  };
}

function checkInView(s: ObservationState, c: CheckInState): CheckIn {
  const step = c.stepKey ? s.agenda.steps.find((x) => x.key === c.stepKey) : undefined;
  const status: CheckIn['status'] = c.completedOn
    ? 'done'
    : (c.settled ?? (!step || isPlanned(step) ? 'planned' : step.overdue ? 'overdue' : 'open'));
  return {
    number: c.number,
    opensOn: c.opensOn,
    dueOn: c.due.date,
    provisional: c.due.provisional,
    status,
    ...(c.completedOn
      ? { measure: c.measure, completedOn: c.completedOn, late: isBefore(c.due.date, c.completedOn) }
      : {}),
  };
}

export function viewOf(s: ObservationState): ObservationView {
  const core = coreView(s);
  return {
    ...core,
    agency: s.request.agency,
    matterCode: s.request.matter.code,
    legalBasis: s.request.legalBasis,
    reason: s.request.reason,
    startDate: s.timeline.startDate,
    endDate: s.timeline.endDate,
    months: s.timeline.months,
    notifiedOn: s.timeline.notifiedOn,
    consentDue: s.timeline.consentDue,
    ...(s.consent ? { consent: s.consent } : {}),
    checkIns: s.checkIns.map((c) => checkInView(s, c)),
    measures: s.measures,
    incidents: s.incidents,
    extensions: s.extensions,
    conclusionDue: s.timeline.conclusionDue,
    ...(core.nextDueOn ? { nextDueAt: dueAtOf(core.nextDueOn) } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    ...(s.outcome?.rectificationId ? { rectificationId: s.outcome.rectificationId } : {}),
    ...(s.pendingConclusion
      ? {
          pendingConclusion: {
            outcome: s.pendingConclusion.outcome,
            reason: s.pendingConclusion.reason,
            decidedBy: s.pendingConclusion.by.sub,
          },
        }
      : {}),
    ...(s.legalReviews ? { legalReviews: s.legalReviews } : {}),
    policyVersion: s.timeline.policyVersion,
  };
}
