// A public-interest service case's dates on the agenda: the party's answer to the offer, the
// service itself until the deadline, the officer's confirmation of each logged session; how a bulk
// extension moves them, and what each missed date means (silence declines, the deadline concludes).
import { offsetOutcome } from '../../domain';
import { closeStep, findStep, openStep, postponeStep, type HumanStep, type Milestone } from '../humanStep';
import { SYSTEM, today } from '../kit/recording';
import { concluded, declined, stepOverdue } from './notices';
import { confirmedMinutes, type OffsetCase, type OffsetState } from './state';

export const openAcceptanceStep = (state: OffsetState): void =>
  void openStep(state.agenda, { step: 'acceptance', assignee: 'business', due: state.terms.acceptanceDue });

export const openServiceStep = (state: OffsetState): void =>
  void openStep(state.agenda, { step: 'service', assignee: 'business', due: state.terms.deadline });

export function closeOpen(state: OffsetState, step: string): void {
  const open = findStep(state.agenda, step);
  if (open) closeStep(state.agenda, open.key);
}

/** A bulk extension: the acceptance window or the service deadline moves with its step. */
export function postpone({ state }: Omit<OffsetCase, 'kit'>, step: HumanStep, days: number): void {
  const due = postponeStep(state.agenda, step, days);
  if (step.step === 'acceptance') state.terms = { ...state.terms, acceptanceDue: due };
  if (step.step === 'service') state.terms = { ...state.terms, deadline: due };
}

/** The service deadline passed before every hour was confirmed: what was confirmed offsets its share. */
export async function serviceEnded({ state, kit }: OffsetCase): Promise<void> {
  const outcome = offsetOutcome(state.terms, confirmedMinutes(state));
  const on = today();
  state.outcome = { ...outcome, concludedOn: on };
  await kit.move('lapsed', concluded(state, SYSTEM, outcome, on));
}

export async function onMilestone(process: OffsetCase, { kind, step }: Milestone): Promise<void> {
  const { state, kit } = process;
  if (kind !== 'overdue') return;
  if (step.step === 'acceptance') {
    const on = today();
    state.outcome = { result: 'none', offset: 0, remainingFine: state.offer.fine, concludedOn: on };
    await kit.move('declined', declined(state, SYSTEM, on));
  } else if (step.step === 'service') {
    await serviceEnded(process);
  } else {
    await kit.note(stepOverdue(step));
  }
}
