// Observation period (观察期): a time-boxed period of soft measures for a new-business-model
// enterprise. One workflow per period, keyed by enterprise and matter; its state is the source of
// truth. The enterprise first consents (or declines); then a check-in falls due every month, each
// an officer's task from the day its window opens; at the end date the officer concludes. Every
// date comes from domain/observation, every timer from the shared agenda: check-ins and the
// conclusion are planned steps that open on their day, so the end of the period is simply the day
// the conclusion step opens.
import { startChild } from '@temporalio/workflow';
import {
  checkInForMeasure,
  checkInWindows,
  checkObservationExtension,
  dueAtOf,
  isBefore,
  observationTimeline,
  planObservationPeriod,
  postponedDue,
  type CalendarDate,
  type CheckInWindow,
  type ObservationTimeline,
} from '../domain';
import {
  closeStep,
  closeSteps,
  isPlanned,
  newAgenda,
  nextDueOn,
  openStep,
  openSteps,
  postponeStep,
  type HumanStep,
  type Milestone,
} from './humanStep';
import { handleStep, processKit, refuse, SYSTEM, today, type Change, type ProcessCore } from './journal';
import {
  concludeObservation,
  extendObservation,
  observationView,
  recordIncident,
  recordSoftMeasure,
  rectificationWorkflowId,
  respondToObservation,
  terminateObservation,
  type CheckIn,
  type Incident,
  type ObservationExtension,
  type ObservationOutcome,
  type ObservationRequest,
  type ObservationStatus,
  type ObservationView,
  type SoftMeasureRecord,
} from './messages';
import type { rectification } from './rectification';

/** A check-in window, and what became of it. */
interface CheckInState extends CheckInWindow {
  /** The agenda step, once the period is under way (after consent). */
  stepKey?: string;
  measure?: number;
  completedOn?: CalendarDate;
  /** How it ended without a measure, when the period ended first. */
  settled?: 'missed' | 'cancelled';
  /** Calendar days bulk extensions have put its due date off; kept when the period is re-planned. */
  postponedDays?: number;
}

interface ObservationState extends ProcessCore {
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

const FINAL: readonly ObservationStatus[] = ['passed', 'escalated', 'declined', 'terminated'];
/** Consented and not yet concluded: measures, incidents and extensions are recorded. */
const UNDER_WAY: readonly ObservationStatus[] = ['active', 'awaiting_conclusion'];

function begin(request: ObservationRequest): ObservationState {
  const notifiedOn = today();
  const plan = planObservationPeriod(
    { matter: request.matter, startDate: request.startDate ?? notifiedOn, months: request.months, notifiedOn },
    request.policy,
  );
  if (!plan.ok) refuse(plan.refusal);
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

export async function observationPeriod(input: ObservationPeriodInput): Promise<ObservationView> {
  const state = 'resume' in input ? input.resume : begin(input.request);
  const { policy } = state.request;
  const view = (): ObservationView => viewOf(state);
  const {
    is,
    require: ensure,
    move,
    run,
  } = processKit(state, {
    view,
    query: observationView,
    final: FINAL,
    postpone,
  });

  /** A bulk extension: the step's own date in the timeline or check-in moves with it. */
  function postpone(step: HumanStep, days: number): void {
    const due = postponeStep(state.agenda, step, days);
    const checkIn = checkInOf(step);
    if (checkIn) {
      checkIn.due = due;
      checkIn.postponedDays = (checkIn.postponedDays ?? 0) + days;
    }
    if (step.step === 'consent') state.timeline = { ...state.timeline, consentDue: due };
    if (step.step === 'conclusion') state.timeline = { ...state.timeline, conclusionDue: due };
  }

  /** Ends the period with `outcome`: settles the check-ins and writes the credit-file entry. */
  async function end(
    outcome: ObservationOutcome,
    change: Omit<Change, 'from' | 'creditFile'>,
    summary: string,
  ): Promise<ObservationView> {
    state.outcome = outcome;
    for (const c of state.checkIns.filter((c) => !c.completedOn)) {
      const step = c.stepKey ? state.agenda.steps.find((s) => s.key === c.stepKey) : undefined;
      c.settled = step?.overdue ? 'missed' : 'cancelled';
    }
    const tally = (which: (c: CheckInState) => boolean) => state.checkIns.filter(which).length;
    return move(outcome.result, {
      ...change,
      creditFile: [
        {
          occurredOn: outcome.decidedOn,
          kind: `observation_${outcome.result}`,
          summary,
          details: {
            matterCode: state.matterCode,
            startDate: state.timeline.startDate,
            endDate: state.timeline.endDate,
            months: state.timeline.months,
            ...(outcome.terminationReason ? { terminationReason: outcome.terminationReason } : {}),
            ...(outcome.rectificationId ? { rectificationId: outcome.rectificationId } : {}),
            checkIns: {
              done: tally((c) => Boolean(c.completedOn)),
              missed: tally((c) => c.settled === 'missed'),
              cancelled: tally((c) => c.settled === 'cancelled'),
            },
            measures: state.measures.length,
            incidents: state.incidents.length,
            policyVersion: state.timeline.policyVersion,
          },
        },
      ],
    });
  }

  /** Puts a check-in on the officer's agenda: a task now if its window is open, else from its first day. */
  function planCheckIn(c: CheckInState): void {
    const opensOn = isBefore(today(), c.opensOn) ? c.opensOn : undefined;
    c.stepKey = openStep(state.agenda, {
      step: 'check_in',
      assignee: 'officer',
      due: c.due,
      ...(opensOn ? { opensOn } : {}),
    }).key;
  }

  /**
   * Plans the conclusion, which opens on the end date: that opening is the end of the period.
   * Returns whether the period is already over (it is then open at once).
   */
  function planConclusion(): boolean {
    const { endDate, conclusionDue } = state.timeline;
    const over = !isBefore(today(), endDate);
    state.conclusionKey = openStep(state.agenda, {
      step: 'conclusion',
      assignee: 'officer',
      due: conclusionDue,
      ...(over ? {} : { opensOn: endDate }),
    }).key;
    return over;
  }

  /** After the timeline changed: adds new check-ins and moves undone ones whose dates changed. */
  function replanCheckIns(): void {
    for (const window of checkInWindows(state.timeline)) {
      const c = state.checkIns.find((x) => x.number === window.number);
      if (!c) {
        const added: CheckInState = { ...window };
        state.checkIns.push(added);
        planCheckIn(added);
        continue;
      }
      const due = c.postponedDays ? postponedDue(window.due, c.postponedDays) : window.due;
      if (!c.completedOn && (c.opensOn !== window.opensOn || c.due.date !== due.date)) {
        // A new step (a new task) rather than a moved one: a task once opened is never revived.
        if (c.stepKey) closeStep(state.agenda, c.stepKey);
        Object.assign(c, window, { due });
        planCheckIn(c);
      }
    }
  }

  const checkInOf = (step: HumanStep) => state.checkIns.find((c) => c.stepKey === step.key);

  handleStep(
    respondToObservation,
    () => void ensure(is('pending_consent'), `No consent is awaited; the period is ${state.status}.`),
    async ({ actor, accept }) => {
      state.consent = { accepted: accept, decidedAt: new Date().toISOString(), decidedBy: actor.sub };
      if (!accept) {
        return end(
          {
            result: 'declined',
            decidedOn: today(),
            decidedBy: actor.sub,
            reason: 'The enterprise declined flexible treatment.',
          },
          {
            actor,
            action: 'observation.declined',
            notify: [
              {
                recipientRole: 'officer',
                kind: 'observation_declined',
                message: `Observation period ${state.id} was declined; the case follows the general procedure.`,
              },
            ],
          },
          'Declined an observation period; the case follows the general procedure',
        );
      }
      closeSteps(state.agenda, (s) => s.step === 'consent');
      state.checkIns.forEach(planCheckIn);
      const over = planConclusion();
      return move(over ? 'awaiting_conclusion' : 'active', {
        actor,
        action: 'observation.consented',
        notify: [
          {
            recipientRole: 'officer',
            kind: 'observation_consented',
            message: `The enterprise accepted observation period ${state.id}, ${state.timeline.startDate} to ${state.timeline.endDate}.`,
          },
        ],
      });
    },
  );

  handleStep(
    recordSoftMeasure,
    ({ date }) => {
      ensure(is(...UNDER_WAY), `Soft measures are recorded while the period is under way; it is ${state.status}.`);
      const on = date ?? today();
      if (isBefore(today(), on))
        refuse({ code: 'VALIDATION_FAILED', message: `A measure cannot be dated in the future (${on}).` });
      if (isBefore(on, state.timeline.startDate))
        refuse({
          code: 'VALIDATION_FAILED',
          message: `The period starts on ${state.timeline.startDate}; a measure on ${on} is outside it.`,
        });
    },
    async ({ actor, type, note, date }) => {
      const on = date ?? today();
      const undone = state.checkIns.filter((c) => c.stepKey && !c.completedOn);
      const checkIn = state.checkIns.find((c) => c.number === checkInForMeasure(undone, on));
      const measure: SoftMeasureRecord = {
        number: state.measures.length + 1,
        type,
        note,
        date: on,
        recordedAt: new Date().toISOString(),
        recordedBy: actor.sub,
        ...(checkIn ? { checkIn: checkIn.number } : {}),
      };
      state.measures.push(measure);
      if (checkIn) {
        checkIn.completedOn = on;
        checkIn.measure = measure.number;
        closeStep(state.agenda, checkIn.stepKey!);
      }
      return move(state.status, {
        actor,
        action: 'observation.measure_recorded',
        reason: `${type}: ${note}`,
        notify: [
          {
            recipientRole: 'business',
            kind: 'soft_measure',
            message: `A soft measure (${type}) was recorded on ${on}: ${note}`,
            payload: { type, date: on },
          },
        ],
      });
    },
  );

  handleStep(
    recordIncident,
    () => void ensure(is(...UNDER_WAY), `Incidents are recorded while the period is under way; it is ${state.status}.`),
    async ({ actor, description, harm }) => {
      state.incidents.push({
        number: state.incidents.length + 1,
        description,
        harm,
        recordedAt: new Date().toISOString(),
        recordedBy: actor.sub,
      });
      return move(state.status, {
        actor,
        action: 'observation.incident_recorded',
        reason: `${harm}: ${description}`,
        notify: [
          {
            recipientRole: 'business',
            kind: 'incident_recorded',
            message: `An incident was recorded (${harm} harm): ${description}`,
          },
          ...(harm === 'serious'
            ? [
                {
                  recipientRole: 'officer' as const,
                  kind: 'serious_incident',
                  message: `Serious harm recorded in observation period ${state.id}; consider ending it (public_interest) or escalating.`,
                },
              ]
            : []),
        ],
      });
    },
  );

  handleStep(
    extendObservation,
    ({ months }) => {
      ensure(is(...UNDER_WAY), `The period cannot be extended while ${state.status}.`);
      const total = checkObservationExtension(state.timeline.months, months, policy);
      if (!total.ok) refuse(total.refusal);
    },
    async ({ actor, months, reason }) => {
      const previousEndDate = state.timeline.endDate;
      const { startDate, notifiedOn } = state.timeline;
      state.timeline = observationTimeline({ startDate, notifiedOn, months: state.timeline.months + months }, policy);
      replanCheckIns();
      if (state.conclusionKey) closeStep(state.agenda, state.conclusionKey);
      const over = planConclusion();
      state.extensions.push({
        months,
        reason,
        grantedAt: new Date().toISOString(),
        grantedBy: actor.sub,
        previousEndDate,
        endDate: state.timeline.endDate,
        totalMonths: state.timeline.months,
      });
      return move(over ? 'awaiting_conclusion' : 'active', {
        actor,
        action: 'observation.extended',
        reason,
        notify: [
          {
            recipientRole: 'business',
            kind: 'observation_extended',
            message: `The observation period now ends on ${state.timeline.endDate}: ${reason}`,
          },
        ],
      });
    },
  );

  handleStep(
    concludeObservation,
    ({ outcome, rectification: order }) => {
      ensure(is('awaiting_conclusion'), `The period can be concluded once it has ended; it is ${state.status}.`);
      if (order && outcome !== 'escalated')
        refuse({ code: 'VALIDATION_FAILED', message: 'Only an escalated conclusion may order a rectification.' });
    },
    async ({ actor, outcome, reason, rectification: order }) => {
      if (order) {
        // Started before anything changes here, so that a failed start leaves the period as it was.
        await startChild<typeof rectification>('rectification', {
          workflowId: rectificationWorkflowId(order.id),
          args: [{ order: { ...order, observationPeriodId: state.id } }],
          parentClosePolicy: 'ABANDON',
        });
      }
      const passed = outcome === 'passed';
      return end(
        {
          result: outcome,
          decidedOn: today(),
          decidedBy: actor.sub,
          reason,
          ...(order ? { rectificationId: order.id } : {}),
        },
        {
          actor,
          action: `observation.${outcome}`,
          reason,
          notify: [
            {
              recipientRole: 'business',
              kind: `observation_${outcome}`,
              message: passed
                ? `The observation period is passed: ${reason}`
                : `The case now follows the general procedure: ${reason}`,
              ...(order ? { payload: { rectificationId: order.id } } : {}),
            },
          ],
        },
        passed
          ? 'Passed an observation period; back to normal supervision'
          : `Observation period escalated to the general procedure${order ? ' with a rectification order' : ''}`,
      );
    },
  );

  handleStep(
    terminateObservation,
    ({ reason }) => {
      ensure(!is(...FINAL), `The period has already ended (${state.status}).`);
      ensure(
        !(reason === 'withdrawn' && is('pending_consent')),
        'Nothing to withdraw from before consent; decline the period instead.',
      );
    },
    async ({ actor, reason, note }) =>
      end(
        { result: 'terminated', decidedOn: today(), decidedBy: actor.sub, reason: note, terminationReason: reason },
        {
          actor,
          action: 'observation.terminated',
          reason: `${reason}: ${note}`,
          notify: [
            {
              recipientRole: 'business',
              kind: 'observation_terminated',
              message: `The observation period was ended early (${reason}): ${note}`,
            },
            {
              recipientRole: 'officer',
              kind: 'observation_terminated',
              message: `Observation period ${state.id} ended early (${reason}): ${note}`,
            },
          ],
        },
        `Observation period ended early (${reason})`,
      ),
  );

  async function onMilestone({ kind, step }: Milestone): Promise<void> {
    const checkIn = checkInOf(step);
    if (kind === 'open' && step.step === 'conclusion') {
      await move('awaiting_conclusion', {
        actor: SYSTEM,
        action: 'observation.period_ended',
        notify: [
          {
            recipientRole: 'officer',
            kind: 'conclusion_due',
            message: `Observation period ${state.id} ended on ${state.timeline.endDate}; conclude it by ${step.dueOn}.`,
            payload: { dueOn: step.dueOn },
          },
          {
            recipientRole: 'business',
            kind: 'observation_ended',
            message: `The observation period ended on ${state.timeline.endDate}; the officer concludes by ${step.dueOn}.`,
          },
        ],
      });
    } else if (kind === 'open') {
      await move(state.status, {
        actor: SYSTEM,
        action: `observation.${step.step}_opened`,
        notify: [
          {
            recipientRole: step.assignee,
            kind: `${step.step}_due`,
            message: `Check-in ${checkIn?.number} is due by ${step.dueOn}.`,
            payload: { checkIn: checkIn?.number, dueOn: step.dueOn },
          },
        ],
      });
    } else if (kind === 'overdue' && step.step === 'consent') {
      await end(
        { result: 'declined', decidedOn: today(), decidedBy: SYSTEM.sub, reason: `No answer by ${step.dueOn}.` },
        {
          actor: SYSTEM,
          action: 'observation.consent_lapsed',
          reason: `No answer by ${step.dueOn}`,
          notify: [
            {
              recipientRole: 'officer',
              kind: 'observation_declined',
              message: `Observation period ${state.id} lapsed unanswered on ${step.dueOn}; the case follows the general procedure.`,
            },
          ],
        },
        'Did not accept an observation period in time; the case follows the general procedure',
      );
    } else {
      // A missed check-in or conclusion stays on the officer's list, flagged, until it is done.
      const what = checkIn ? `Check-in ${checkIn.number}` : step.step;
      await move(state.status, {
        actor: SYSTEM,
        action: `observation.${step.step}_${kind}`,
        notify: [
          {
            recipientRole: step.assignee,
            kind: `${step.step}_${kind}`,
            message: `${what} was due on ${step.dueOn}.`,
            payload: { dueOn: step.dueOn, ...(checkIn ? { checkIn: checkIn.number } : {}) },
          },
        ],
      });
    }
  }

  if ('request' in input) {
    openStep(state.agenda, { step: 'consent', assignee: 'business', due: state.timeline.consentDue });
    await move(state.status, {
      actor: state.request.openedBy,
      action: 'observation.opened',
      reason: state.request.reason,
      notify: [
        {
          recipientRole: 'business',
          kind: 'observation_offered',
          message: `An observation period of ${state.timeline.months} months from ${state.timeline.startDate} is offered for matter ${state.matterCode}. You may decline it; answer by ${state.timeline.consentDue.date}.`,
          payload: { consentDue: state.timeline.consentDue.date },
        },
      ],
    });
  } else {
    // Points the read model at this run at once, so that steps sent by the period's id reach it.
    await move(state.status, { actor: SYSTEM, action: 'observation.run_continued' });
  }
  return run(onMilestone);
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

function viewOf(s: ObservationState): ObservationView {
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
