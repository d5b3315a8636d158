// An observation period's dates on the agenda: monthly check-ins, each an officer's task from the
// day its window opens, and the conclusion, planned to open on the end date (that opening is the end
// of the period); how extensions re-plan them, how a bulk extension moves them, and what each timer
// milestone does.
import { checkInWindows, isBefore, postponedDue } from '../../domain';
import { closeStep, openStep, postponeStep, type HumanStep, type Milestone } from '../humanStep';
import { today } from '../kit/recording';
import { endPeriod } from './ending';
import { checkInOpened, conclusionDue, consentLapsed, stepLate } from './notices';
import type { CheckInState, ObservationCase, ObservationState } from './state';

export const checkInOf = (state: ObservationState, step: HumanStep) =>
  state.checkIns.find((c) => c.stepKey === step.key);

/** Puts a check-in on the officer's agenda: a task now if its window is open, else from its first day. */
export function planCheckIn(state: ObservationState, c: CheckInState): void {
  const opensOn = isBefore(today(), c.opensOn) ? c.opensOn : undefined;
  c.stepKey = openStep(state.agenda, {
    step: 'check_in',
    assignee: 'officer',
    due: c.due,
    ...(opensOn ? { opensOn } : {}),
  }).key;
}

/**
 * Plans the conclusion, which opens on the end date: that opening is the end of the period.
 * Returns whether the period is already over (it is then open at once).
 */
export function planConclusion(state: ObservationState): boolean {
  const { endDate, conclusionDue: due } = state.timeline;
  const over = !isBefore(today(), endDate);
  state.conclusionKey = openStep(state.agenda, {
    step: 'conclusion',
    assignee: 'officer',
    due,
    ...(over ? {} : { opensOn: endDate }),
  }).key;
  return over;
}

/** After the timeline changed: adds new check-ins and moves undone ones whose dates changed. */
export function replanCheckIns(state: ObservationState): void {
  for (const window of checkInWindows(state.timeline)) {
    const c = state.checkIns.find((x) => x.number === window.number);
    if (!c) {
      const added: CheckInState = { ...window };
      state.checkIns.push(added);
      planCheckIn(state, added);
      continue;
    }
    const due = c.postponedDays ? postponedDue(window.due, c.postponedDays) : window.due;
    if (!c.completedOn && (c.opensOn !== window.opensOn || c.due.date !== due.date)) {
      // A new step (a new task) rather than a moved one: a task once opened is never revived.
      if (c.stepKey) closeStep(state.agenda, c.stepKey);
      Object.assign(c, window, { due });
      planCheckIn(state, c);
    }
  }
}

/** A bulk extension: the step's own date in the timeline or check-in moves with it. */
export function postpone(state: ObservationState, step: HumanStep, days: number): void {
  const due = postponeStep(state.agenda, step, days);
  const checkIn = checkInOf(state, step);
  if (checkIn) {
    checkIn.due = due;
    checkIn.postponedDays = (checkIn.postponedDays ?? 0) + days;
  }
  if (step.step === 'consent') state.timeline = { ...state.timeline, consentDue: due };
  if (step.step === 'conclusion') state.timeline = { ...state.timeline, conclusionDue: due };
}

export async function onMilestone(process: ObservationCase, { kind, step }: Milestone): Promise<void> {
  const { state, kit } = process;
  const checkIn = checkInOf(state, step);
  if (kind === 'open' && step.step === 'conclusion') {
    await kit.move('awaiting_conclusion', conclusionDue(state, step));
  } else if (kind === 'open') {
    await kit.note(checkInOpened(step, checkIn));
  } else if (kind === 'overdue' && step.step === 'consent') {
    await endPeriod(process, ...consentLapsed(state, step));
  } else {
    // A missed check-in or conclusion stays on the officer's list, flagged, until it is done.
    await kit.note(stepLate(step, kind, checkIn));
  }
}
