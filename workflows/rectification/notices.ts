// What a rectification tells people, and writes into the credit file, at each turn: the changes
// its steps and timers record, apart from the logic that decides when they happen.
import type { HumanStep } from '../humanStep';
import { noticeToAssignee, SYSTEM, type Recorded } from '../kit/recording';
import type { Actor } from '../messages';
import type { RectificationState } from './state';

export function ordered(state: RectificationState): Recorded {
  return {
    actor: state.order.orderedBy,
    action: 'rectification.ordered',
    reason: state.order.findings,
    notify: [
      {
        recipientRole: 'business',
        kind: 'rectification_ordered',
        message: `Rectify by ${state.deadline.date}: ${state.order.requiredActions.join('; ')}`,
      },
    ],
  };
}

/** An order held for legal review: the reviewer is told; the party only once it is approved. */
export const sentToLegalReview = (state: RectificationState): Recorded => ({
  actor: state.order.orderedBy,
  action: 'rectification.sent_to_legal_review',
  reason: state.order.findings,
  notify: [
    {
      recipientRole: 'legal_reviewer',
      kind: 'legal_review_requested',
      message: `A ${state.order.disposition} order awaits legal review.`,
    },
  ],
});

export function escalation(
  state: RectificationState,
  actor: Actor,
  reason: string,
  action: string,
  on: string,
): Recorded {
  return {
    actor,
    action,
    reason,
    creditFile: [
      {
        occurredOn: on,
        kind: 'rectification_escalated',
        summary: `Rectification escalated to general procedure: ${reason}`,
        details: { disposition: state.order.disposition },
      },
    ],
    notify: [
      {
        recipientRole: 'business',
        kind: 'rectification_escalated',
        message: `The case now follows the general procedure: ${reason}`,
      },
      {
        recipientRole: 'officer',
        kind: 'rectification_escalated',
        message: `Rectification ${state.id} escalated: ${reason}`,
      },
    ],
  };
}

export function closed(state: RectificationState, actor: Actor, visitedOn: string, note: string): Recorded {
  return {
    actor,
    action: 'rectification.closed',
    reason: note,
    creditFile: [
      {
        occurredOn: visitedOn,
        kind: 'rectification_closed',
        summary: `Rectified ${state.correctedOnTime ? 'on time' : 'late'}; compliant at the follow-up visit`,
        details: {
          disposition: state.order.disposition,
          correctedOnTime: state.correctedOnTime,
          waivedFine: state.order.waivedFine,
        },
      },
    ],
    notify: [
      {
        recipientRole: 'business',
        kind: 'rectification_closed',
        message: 'The rectification is complete and the case is closed.',
      },
    ],
  };
}

export const reminder = (step: HumanStep): Recorded =>
  noticeToAssignee(`rectification.${step.step}_reminder`, step, `${step.step}_reminder`, `Due on ${step.dueOn}.`, {
    dueOn: step.dueOn,
    remindOn: step.remindOn,
  });

export const deadlineMissed = (state: RectificationState): Recorded => ({
  actor: SYSTEM,
  action: 'rectification.deadline_missed',
  notify: [
    {
      recipientRole: 'business',
      kind: 'deadline_missed',
      message: `The rectification deadline ${state.deadline.date} has passed without accepted evidence.`,
    },
    {
      recipientRole: 'officer',
      kind: 'overdue_decision',
      message: `Escalate or extend by ${state.timeline.overdueEscalationOn.date}.`,
    },
  ],
});

export const stepOverdue = (step: HumanStep): Recorded =>
  noticeToAssignee(
    `rectification.${step.step}_overdue`,
    step,
    `${step.step}_overdue`,
    `${step.step} was due on ${step.dueOn}.`,
  );
