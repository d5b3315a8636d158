// The credit file (诚信档案): which entries count against an enterprise. Every outcome is recorded
// (Jimsar item 7), but only faults are adverse: declining flexible treatment, or withdrawing from
// it, is the party's right (Changning item 6), recorded for officers and never shown as adverse,
// nor a reason to lower the enterprise's credit rating. Entries are classified by kind where they
// are written (activities/transitions.ts); migration 0004 applied the same table to older rows.

/** Why an observation period ended early, as the workflow records it in the entry's details. */
type TerminationReason = 'withdrawn' | 'general_procedure' | 'basis_lapsed' | 'public_interest' | 'other';

/** Early endings that amount to a fault: switched to the general procedure, or harm to the public. */
const ADVERSE_TERMINATIONS: readonly TerminationReason[] = ['general_procedure', 'public_interest'];

/**
 * Every kind the workflows write, with whether it counts against the enterprise; a function for a
 * kind whose weight depends on its details. A kind not listed is not adverse: an entry counts
 * against a business only where it is classified so.
 */
export const CREDIT_ENTRY_KINDS: Readonly<Record<string, boolean | ((details: unknown) => boolean)>> = Object.freeze({
  observation_passed: false,
  observation_escalated: true,
  observation_declined: false,
  observation_terminated: (details) =>
    ADVERSE_TERMINATIONS.includes((details as { terminationReason?: TerminationReason } | null)?.terminationReason!),
  rectification_closed: false,
  rectification_escalated: true,
  penalty_record: true,
  penalty_record_repair_eligible: false,
  penalty_record_repaired: false,
  penalty_record_repair_revoked: true,
  penalty_publication_expired: false,
  // Public-interest service: taking the offer up or not is the party's choice, and the fine not
  // offset is due under the ordinary procedure, which records its own outcome.
  offset_declined: false,
  offset_completed: false,
  offset_lapsed: false,
});

/** Whether a credit-file entry counts against the enterprise. */
export function isAdverseEntry(kind: string, details?: unknown): boolean {
  const rule = Object.hasOwn(CREDIT_ENTRY_KINDS, kind) ? CREDIT_ENTRY_KINDS[kind] : false;
  return typeof rule === 'function' ? rule(details ?? null) : (rule ?? false);
}
