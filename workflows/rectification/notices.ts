// What a rectification tells people, and writes into the credit file, at each turn: the changes
// its steps and timers record, apart from the logic that decides when they happen.
import { isNoPenalty, STATUTORY_GROUNDS, type DocumentDraft } from '../../domain';
import type { HumanStep } from '../humanStep';
import { noticeToAssignee, SYSTEM, type Recorded } from '../kit/recording';
import type { Actor } from '../messages';
import type { RectificationState } from './state';

/** The order's documents: 责令改正通知书, and for a no-penalty disposition the 不予行政处罚决定书 too. */
function orderDocuments(state: RectificationState): DocumentDraft[] {
  const { order, timeline } = state;
  const facts = `${order.findings}（违法事项：${order.matter.title}）`;
  const rectify: DocumentDraft = {
    kind: 'rectification_order',
    facts,
    legalBasis: order.matter.legalBasis,
    decision: `责令你（单位）改正上述违法行为：${order.requiredActions.join('；')}。`,
    deadlines: [{ label: '改正期限', date: state.deadline.date }],
  };
  if (!isNoPenalty(order.disposition)) return [rectify];
  const basis = order.statutoryGround
    ? `${order.legalBasis ?? STATUTORY_GROUNDS[order.statutoryGround]}；${order.matter.legalBasis}`
    : `《中华人民共和国行政处罚法》第三十三条；${order.matter.legalBasis}`;
  const noPenalty: DocumentDraft = {
    kind: 'no_penalty_decision',
    facts,
    legalBasis: basis,
    decision: '对你（单位）的上述违法行为不予行政处罚，并责令改正。',
    deadlines: [
      ...(timeline.commitmentDue ? [{ label: '签署告知承诺书期限', date: timeline.commitmentDue.date }] : []),
      { label: '改正期限', date: state.deadline.date },
    ],
  };
  return [noPenalty, rectify];
}

/** The business's commitment letter (告知承诺书) as a document of the case. */
export function commitmentDocument(state: RectificationState, signatory: string, statement: string): DocumentDraft {
  return {
    kind: 'commitment',
    facts: `${state.order.findings}（违法事项：${state.order.matter.title}）`,
    legalBasis: state.order.matter.legalBasis,
    decision: `${statement}（签署人：${signatory}）`,
    deadlines: [{ label: '改正期限', date: state.deadline.date }],
  };
}

export function ordered(state: RectificationState): Recorded {
  return {
    actor: state.order.orderedBy,
    action: 'rectification.ordered',
    reason: state.order.findings,
    documents: orderDocuments(state),
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
