// A penalty record's dates on the agenda: its own dates (repair eligibility, the end of the
// maximum publication period) as planned entries that are nobody's task, credit staff's review steps
// kept in line with the application's deadlines, how a bulk extension moves them, and what each timer
// milestone does.
import { repairReviewDeadlines, type CalendarDate, type DueDate } from '../../domain';
import { closeStep, findStep, openStep, postponeStep, rescheduleStep } from '../humanStep';
import type { HumanStep, Milestone } from '../humanStep';
import { SYSTEM, today } from '../kit/recording';
import type { RepairApplication } from '../messages';
import { eligibilityNotice, expired, periodEnded, reviewOverdue } from './notices';
import { ACCEPTANCE, DECISION, ELIGIBILITY, EXPIRY, type PenaltyRecordCase, type PenaltyRecordState } from './state';

export const currentApplication = (state: PenaltyRecordState): RepairApplication | undefined =>
  state.applications.at(-1);

/** Puts one of the record's own dates on the agenda: the shared loop wakes at the start of that day. */
export const planMilestone = (state: PenaltyRecordState, milestone: string, on: CalendarDate) =>
  openStep(state.agenda, {
    step: milestone,
    assignee: 'business',
    due: { date: on, provisional: false },
    opensOn: on,
  });

/** Keeps credit staff's steps in line with the application's deadlines (none while paused). */
export function planReview({ state, policy }: Omit<PenaltyRecordCase, 'kit'>, app: RepairApplication): void {
  const deadlines = repairReviewDeadlines(
    { appliedOn: app.appliedOn, pauses: app.pauses, postponedDays: app.postponedDays },
    policy,
  );
  app.acceptBy = deadlines.acceptBy;
  app.decideBy = deadlines.decideBy;
  const waiting = app.status === 'pending' || app.status === 'accepted';
  syncStep(state, ACCEPTANCE, app.status === 'pending' ? deadlines.acceptBy : null);
  syncStep(state, DECISION, waiting ? deadlines.decideBy : null);
}

function syncStep(state: PenaltyRecordState, step: string, due: DueDate | null): void {
  const open = findStep(state.agenda, step);
  if (!due) {
    if (open) closeStep(state.agenda, open.key);
  } else if (!open) {
    openStep(state.agenda, { step, assignee: 'credit_staff', due });
  } else if (open.dueOn !== due.date || open.provisional !== due.provisional) {
    rescheduleStep(state.agenda, open.key, { due });
  }
}

/** A bulk extension of a review step is kept with the application, so that re-planning keeps it. */
export function postpone(process: Omit<PenaltyRecordCase, 'kit'>, step: HumanStep, days: number): void {
  const app = currentApplication(process.state);
  const deadline = step.step === ACCEPTANCE ? 'acceptBy' : step.step === DECISION ? 'decideBy' : undefined;
  if (!app || !deadline) return void postponeStep(process.state.agenda, step, days);
  app.postponedDays = { ...app.postponedDays, [deadline]: (app.postponedDays?.[deadline] ?? 0) + days };
  planReview(process, app);
}

async function becomeEligible({ state, kit }: PenaltyRecordCase): Promise<void> {
  await kit.move(kit.is('published') ? 'repair_eligible' : state.status, {
    actor: SYSTEM,
    action: 'penalty_record.repair_eligible',
    ...eligibilityNotice(state),
  });
}

async function expire({ state, kit }: PenaltyRecordCase): Promise<void> {
  if (kit.is('repaired')) {
    state.periodOver = true;
    await kit.move('repaired', periodEnded(state));
    return;
  }
  const app = currentApplication(state);
  if (app && (app.status === 'pending' || app.status === 'accepted' || app.status === 'needs_more'))
    app.status = 'lapsed';
  state.shown = false;
  state.expiredOn = today();
  await kit.move('expired', expired(state));
}

export async function onMilestone(process: PenaltyRecordCase, { kind, step }: Milestone): Promise<void> {
  const { state, kit } = process;
  if (kind === 'open') {
    // One of the record's own dates has come: act on it; it never becomes anybody's task.
    closeStep(state.agenda, step.key);
    if (step.step === ELIGIBILITY) await becomeEligible(process);
    if (step.step === EXPIRY) await expire(process);
  } else if (kind === 'overdue') {
    await kit.note(reviewOverdue(step, currentApplication(state)));
  }
}
