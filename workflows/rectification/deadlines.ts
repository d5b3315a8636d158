// A rectification's dates on the agenda: the evidence step with its reminder, the officer's
// decision on an overdue case, how a bulk extension moves them, and what each timer milestone does
// (remind, turn the case overdue, escalate it after the grace period, flag a late step).
import { isBefore, postponedDue, withDeadline, type DueDate } from '../../domain';
import { closeStep, findStep, openStep, postponeStep, rescheduleStep } from '../humanStep';
import type { HumanStep, Milestone } from '../humanStep';
import { SYSTEM, today } from '../kit/recording';
import { deadlineMissed, escalation, reminder, stepOverdue } from './notices';
import type { RectificationCase, RectificationState } from './state';

/** The deadline reminder, unless its day has already come (a reopened round is not re-reminded). */
function upcomingReminder(state: RectificationState): DueDate | null {
  const reminderOn = state.timeline.reminderOn;
  return reminderOn && isBefore(today(), reminderOn.date) ? reminderOn : null;
}

export function openEvidenceStep(state: RectificationState): void {
  openStep(state.agenda, {
    step: 'evidence',
    assignee: 'business',
    due: state.deadline,
    remindOn: upcomingReminder(state),
  });
}

/** After the deadline moved: the open evidence step follows it. */
export function rescheduleEvidenceStep(state: RectificationState): void {
  const evidence = findStep(state.agenda, 'evidence');
  if (evidence) rescheduleStep(state.agenda, evidence.key, { due: state.deadline, remindOn: upcomingReminder(state) });
}

export function openOverdueDecision(state: RectificationState): void {
  openStep(state.agenda, { step: 'overdue_decision', assignee: 'officer', due: state.timeline.overdueEscalationOn });
}

export function closeOpen(state: RectificationState, step: string): void {
  const open = findStep(state.agenda, step);
  if (open) closeStep(state.agenda, open.key);
}

/** A bulk extension: the deadline moves with the evidence step, the automatic escalation with the overdue decision. */
export function postpone({ state, policy }: Omit<RectificationCase, 'kit'>, step: HumanStep, days: number): void {
  if (step.step === 'evidence') {
    state.timeline = withDeadline(state.timeline, postponedDue(state.deadline, days), today(), policy);
    state.deadline = state.timeline.deadline;
    rescheduleStep(state.agenda, step.key, { due: state.deadline, remindOn: upcomingReminder(state) });
    return;
  }
  const due = postponeStep(state.agenda, step, days);
  if (step.step === 'overdue_decision') state.timeline = { ...state.timeline, overdueEscalationOn: due };
  if (step.step === 'commitment') state.timeline = { ...state.timeline, commitmentDue: due };
}

export async function onMilestone({ state, policy, kit }: RectificationCase, { kind, step }: Milestone): Promise<void> {
  if (kind === 'remind') {
    await kit.note(reminder(step));
  } else if (step.step === 'evidence') {
    closeStep(state.agenda, step.key);
    openOverdueDecision(state);
    await kit.move('overdue', deadlineMissed(state));
  } else if (step.step === 'overdue_decision') {
    const reason = `No extension or escalation within ${policy.overdueEscalationWorkingDays} working days of the missed deadline`;
    await kit.move('escalated', escalation(state, SYSTEM, reason, 'rectification.auto_escalated', today()));
  } else {
    await kit.note(stepOverdue(step));
  }
}
