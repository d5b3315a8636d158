// An observation period's state (the workflow's own, carried through continue-as-new) and the view
// the API shows of it.
import {
  checkInWindows,
  dueAtOf,
  isBefore,
  planObservationPeriod,
  type CalendarDate,
  type CheckInWindow,
  type ObservationTimeline,
  type Policy,
} from '../../domain';
import { isPlanned, newAgenda, nextDueOn, openSteps } from '../humanStep';
import type { ProcessKit } from '../kit/processKit';
import { today, type ProcessCore } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import type {
  CheckIn,
  Incident,
  ObservationExtension,
  ObservationOutcome,
  ObservationRequest,
  ObservationStatus,
  ObservationView,
  SoftMeasureRecord,
} from '../messages';

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

export interface ObservationState extends ProcessCore {
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
}

export type ObservationPeriodInput = { request: ObservationRequest } | { resume: ObservationState };

/** What the parts of the workflow share: the state, the case's policy and the process kit. */
export interface ObservationCase {
  state: ObservationState;
  policy: Policy;
  kit: ProcessKit<ObservationStatus, ObservationView>;
}

export const FINAL: readonly ObservationStatus[] = ['passed', 'escalated', 'declined', 'terminated'];
/** Consented and not yet concluded: measures, incidents and extensions are recorded. */
export const UNDER_WAY: readonly ObservationStatus[] = ['active', 'awaiting_conclusion'];

export function begin(request: ObservationRequest): ObservationState {
  const notifiedOn = today();
  const plan = planObservationPeriod(
    { matter: request.matter, startDate: request.startDate ?? notifiedOn, months: request.months, notifiedOn },
    request.policy,
  );
  if (!plan.ok) throwRefusal(plan.refusal);
  return {
    type: 'observation_period',
    id: request.id,
    enterpriseId: request.enterpriseId,
    agency: request.agency,
    matterCode: request.matter.code,
    status: 'pending_consent',
    openedAt: new Date().toISOString(),
    version: 0,
    history: [],
    agenda: newAgenda(),
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
  const next = nextDueOn(s.agenda);
  return {
    id: s.id,
    enterpriseId: s.enterpriseId,
    agency: s.request.agency,
    matterCode: s.request.matter.code,
    legalBasis: s.request.legalBasis,
    reason: s.request.reason,
    status: s.status,
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
    openSteps: openSteps(s.agenda),
    ...(next ? { nextDueOn: next, nextDueAt: dueAtOf(next) } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    ...(s.outcome?.rectificationId ? { rectificationId: s.outcome.rectificationId } : {}),
    policyVersion: s.timeline.policyVersion,
    history: s.history,
  };
}
