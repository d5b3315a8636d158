// An objection's state (the workflow's own, carried through continue-as-new) and the view the API shows.
import { objectionDecisionDue, type DueDate } from '../../domain';
import type { ProcessCase } from '../kit/processWorkflow';
import { coreView, newCore, today, type ProcessCore } from '../kit/recording';
import type { ObjectionDecisionRecord, ObjectionFiling, ObjectionStatus, ObjectionView } from '../messages';
import { OBJECTION_FINAL } from '../messages';

export interface ObjectionState extends ProcessCore {
  status: ObjectionStatus;
  filing: ObjectionFiling;
  filedOn: string;
  dueOn: DueDate;
  decision?: ObjectionDecisionRecord;
}

export type ObjectionInput = { filing: ObjectionFiling } | { resume: ObjectionState };
export type ObjectionCase = ProcessCase<ObjectionState, ObjectionView>;

export const FINAL = OBJECTION_FINAL;

export function begin(filing: ObjectionFiling): ObjectionState {
  const filedOn = today();
  const { id, enterpriseId, agency } = filing;
  return {
    ...newCore('objection', 'pending' as ObjectionStatus, { id, enterpriseId, agency }),
    filing,
    filedOn,
    dueOn: objectionDecisionDue(filedOn, filing.policy),
  };
}

export function viewOf(s: ObjectionState): ObjectionView {
  const { filing } = s;
  return {
    ...coreView(s),
    ...(filing.agency ? { agency: filing.agency } : {}),
    entry: filing.entry,
    reasons: filing.reasons,
    files: filing.files,
    filedBy: filing.filedBy.sub,
    filedOn: s.filedOn,
    dueOn: s.dueOn,
    ...(s.decision ? { decision: s.decision } : {}),
    policyVersion: filing.policy.version,
  };
}
