// An objection's one human step: credit staff decide it (upheld, corrected, removed), within the
// policy's working days; a missed due date flags the task overdue and tells them, the step stays open.
import { checkObjectionDecision } from '../../domain';
import { closeStep, findStep, type Milestone } from '../humanStep';
import { noticeToAssignee, today } from '../kit/recording';
import { throwRefusal } from '../kit/refusals';
import { decideObjection } from '../messages';
import type { ObjectionCase } from './state';

export function objectionSteps({ state, kit }: ObjectionCase): void {
  const { is, require, move, step } = kit;
  step(
    decideObjection,
    ({ decision, correctedText }) => {
      require(is('pending'), `The objection is ${state.status}; it has been decided.`);
      const allowed = checkObjectionDecision(decision, correctedText);
      if (!allowed.ok) throwRefusal(allowed.refusal);
    },
    async ({ actor, decision, reasons, correctedText }) => {
      const { entry } = state.filing;
      state.decision = {
        decision,
        reasons,
        oldText: entry.summary,
        ...(correctedText === undefined ? {} : { correctedText }),
        decidedBy: actor.sub,
        decidedOn: today(),
      };
      const open = findStep(state.agenda, 'objection_decision');
      if (open) closeStep(state.agenda, open.key);
      return move(decision, {
        actor,
        action: `objection.${decision}`,
        reason: reasons,
        audit: { before: { summary: entry.summary }, after: { summary: correctedText ?? entry.summary, decision } },
        creditFileAmendment: {
          entryKey: entry.key,
          disputed: false,
          ...(decision === 'corrected' ? { summary: correctedText } : {}),
          ...(decision === 'removed' ? { removed: true } : {}),
        },
        notify: [
          {
            recipientRole: 'business',
            kind: `objection_${decision}`,
            message: `Your objection to the credit-file entry of ${entry.occurredOn} was decided: ${decision}. ${reasons}`,
          },
        ],
      });
    },
  );
}

/** The decision's due date passed: the task is flagged overdue (by the agenda) and credit staff are told. */
export async function onMilestone({ kit }: ObjectionCase, { step }: Milestone): Promise<void> {
  await kit.note(
    noticeToAssignee(
      'objection.decision_overdue',
      step,
      'objection_decision_overdue',
      `The objection decision was due on ${step.dueOn}.`,
    ),
  );
}
