// Objection (异议申诉, Changning item 13): a business disputes an entry of its credit file; the entry
// is marked disputed while credit staff decide within the policy's working days, with a task that
// turns overdue; the decision upholds, corrects (old text kept) or removes the entry, and the
// enterprise is rated again. One workflow per disputed entry at a time (`objection:<entry key>`).
import { openStep } from '../humanStep';
import { processWorkflow } from '../kit/processWorkflow';
import { objectionView } from '../messages';
import { begin, FINAL, viewOf, type ObjectionInput } from './state';
import { objectionSteps, onMilestone } from './steps';

export type { ObjectionInput } from './state';

export const objection = processWorkflow({
  state: (input: ObjectionInput) => ('resume' in input ? input.resume : begin(input.filing)),
  policy: (state) => state.filing.policy,
  view: viewOf,
  query: objectionView,
  final: FINAL,
  steps: objectionSteps,
  open({ state }, input) {
    if (!('filing' in input)) return undefined;
    openStep(state.agenda, { step: 'objection_decision', assignee: 'credit_staff', due: state.dueOn });
    const { filing } = state;
    return {
      actor: filing.filedBy,
      action: 'objection.filed',
      reason: filing.reasons,
      creditFileAmendment: { entryKey: filing.entry.key, disputed: true },
      evidence: filing.files.map((f) => ({
        id: f.evidenceId,
        round: 1,
        sha256: f.sha256,
        filename: f.filename,
        contentType: f.contentType,
        size: f.size,
        uploadedBy: filing.filedBy.sub,
        uploadedAt: state.openedAt,
      })),
      notify: [
        {
          recipientRole: 'credit_staff',
          kind: 'objection_filed',
          message: `An objection to a credit-file entry of ${filing.enterpriseId} awaits a decision by ${state.dueOn.date}.`,
        },
      ],
    };
  },
  onMilestone,
});
