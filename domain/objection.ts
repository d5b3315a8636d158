// Objections (异议申诉, Changning item 13): a business disputes an entry of its own credit file, with
// reasons and files; credit staff decide within N working days *(policy)*: `upheld` (the entry
// stays), `corrected` (amended, the old text kept) or `removed`. Pure rules: the due date, and what
// a decision must carry.
import { addWorkingDays, type CalendarDate, type DueDate } from './calendar';
import type { Policy } from './policySettings';
import { ok, refuse, type Result } from './refusal';

export const OBJECTION_DECISIONS = ['upheld', 'corrected', 'removed'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];

/** The decision is due the Nth working day after the filing (the filing day does not count). */
export const objectionDecisionDue = (
  filedOn: CalendarDate,
  policy: Pick<Policy, 'objectionDecisionWorkingDays'>,
): DueDate => addWorkingDays(filedOn, policy.objectionDecisionWorkingDays);

/** A correction needs the corrected text, and only a correction takes one. */
export function checkObjectionDecision(decision: ObjectionDecision, correctedText?: string): Result<true> {
  if (decision === 'corrected' && !correctedText?.trim())
    return refuse('CORRECTED_TEXT_REQUIRED', 'A corrected entry needs its corrected text (`correctedText`).');
  if (decision !== 'corrected' && correctedText !== undefined)
    return refuse('CORRECTED_TEXT_REQUIRED', 'Only a `corrected` decision takes `correctedText`.');
  return ok(true);
}
