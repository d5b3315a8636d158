// What an observation period tells the business and the officer at each turn, and how each ending
// is worded in the credit file: the changes its steps and timers record, apart from the logic that
// decides when they happen.
import type { TerminationReason } from '../../domain';
import type { HumanStep, MilestoneKind } from '../humanStep';
import { noticeToAssignee, SYSTEM, today, type Recorded } from '../kit/recording';
import type { Actor, ObservationOutcome } from '../messages';
import type { Ending } from './ending';
import type { CheckInState, ObservationState } from './state';

export const opened = (state: ObservationState): Recorded => ({
  actor: state.request.openedBy,
  action: 'observation.opened',
  reason: state.request.reason,
  documents: [
    {
      kind: 'observation_notice',
      facts: `${state.request.reason}（事项：${state.request.matter.title}）`,
      legalBasis: state.request.legalBasis,
      decision: `对你（单位）适用${state.timeline.months}个月的行政执法观察期，自${state.timeline.startDate}起至${state.timeline.endDate}止。`,
      deadlines: [
        { label: '答复期限（接受或拒绝）', date: state.timeline.consentDue.date },
        { label: '观察期开始', date: state.timeline.startDate },
        { label: '观察期届满', date: state.timeline.endDate },
      ],
    },
  ],
  notify: [
    {
      recipientRole: 'business',
      kind: 'observation_offered',
      message: `An observation period of ${state.timeline.months} months from ${state.timeline.startDate} is offered for matter ${state.matterCode}. You may decline it; answer by ${state.timeline.consentDue.date}.`,
      payload: { consentDue: state.timeline.consentDue.date },
    },
  ],
});

export const declined = (state: ObservationState, actor: Actor): Ending => [
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
];

export const consented = (state: ObservationState, actor: Actor): Recorded => ({
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

export const measureRecorded = (actor: Actor, type: string, note: string, on: string): Recorded => ({
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

export const incidentRecorded = (
  state: ObservationState,
  actor: Actor,
  description: string,
  harm: string,
): Recorded => ({
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

export const extended = (state: ObservationState, actor: Actor, reason: string): Recorded => ({
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

export function concluded(outcome: ObservationOutcome & { result: 'passed' | 'escalated' }, actor: Actor): Ending {
  const passed = outcome.result === 'passed';
  const { reason, rectificationId } = outcome;
  return [
    outcome,
    {
      actor,
      action: `observation.${outcome.result}`,
      reason,
      notify: [
        {
          recipientRole: 'business',
          kind: `observation_${outcome.result}`,
          message: passed
            ? `The observation period is passed: ${reason}`
            : `The case now follows the general procedure: ${reason}`,
          ...(rectificationId ? { payload: { rectificationId } } : {}),
        },
      ],
    },
    passed
      ? 'Passed an observation period; back to normal supervision'
      : `Observation period escalated to the general procedure${rectificationId ? ' with a rectification order' : ''}`,
  ];
}

export const terminated = (state: ObservationState, actor: Actor, reason: TerminationReason, note: string): Ending => [
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
];

export const conclusionDue = (state: ObservationState, step: HumanStep): Recorded => ({
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

export const checkInOpened = (step: HumanStep, checkIn: CheckInState | undefined): Recorded =>
  noticeToAssignee(
    `observation.${step.step}_opened`,
    step,
    `${step.step}_due`,
    `Check-in ${checkIn?.number} is due by ${step.dueOn}.`,
    {
      checkIn: checkIn?.number,
      dueOn: step.dueOn,
    },
  );

export const consentLapsed = (state: ObservationState, step: HumanStep): Ending => [
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
];

export function stepLate(step: HumanStep, kind: MilestoneKind, checkIn: CheckInState | undefined): Recorded {
  const what = checkIn ? `Check-in ${checkIn.number}` : step.step;
  return noticeToAssignee(
    `observation.${step.step}_${kind}`,
    step,
    `${step.step}_${kind}`,
    `${what} was due on ${step.dueOn}.`,
    {
      dueOn: step.dueOn,
      ...(checkIn ? { checkIn: checkIn.number } : {}),
    },
  );
}
