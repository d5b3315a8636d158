// The machinery all three processes share: human steps (人工环节) with a due date and an optional
// reminder before it, kept in the workflow's own state, and one loop that sleeps on a durable
// timer until the next reminder or due date passes, or wakes early when a step is opened, moved or
// closed. A step may also be planned ahead (next month's check-in): it becomes the assignee's task
// only when its opening day comes. What a missed due date means (flag a task, escalate the case)
// is each process's call. Dates come from domain/; instants only from workflow time.
import { condition } from '@temporalio/workflow';
import {
  endOfDayInShanghai,
  postponedDue,
  startOfDayInShanghai,
  type AssigneeRole,
  type CalendarDate,
  type DueDate,
} from '../domain';

export type Assignee = AssigneeRole;

export interface HumanStep {
  /** Unique for the life of the process, so a reopened step is a new task, not a revived one. */
  key: string;
  /** What is awaited: 'commitment', 'evidence', 'review', 'follow_up', ... */
  step: string;
  assignee: Assignee;
  dueOn: CalendarDate;
  provisional: boolean;
  /** Remind the assignee at the start of this day. */
  remindOn?: CalendarDate;
  reminded: boolean;
  overdue: boolean;
  /**
   * Set while the step is only planned: it is nobody's task (no task row, no reminder, never
   * overdue) until the start of this day, when the agenda opens it and clears this field.
   */
  opensOn?: CalendarDate;
}

/** A planned step whose opening day has not come yet. */
export const isPlanned = (step: HumanStep): boolean => step.opensOn !== undefined;

/** A step as a case view shows it: who must do what by when. */
export type OpenStep = Omit<HumanStep, 'key' | 'reminded' | 'opensOn'>;

/** The steps someone must act on now; planned ones are nobody's yet. */
export function openSteps(agenda: Agenda): OpenStep[] {
  return agenda.steps
    .filter((step) => !isPlanned(step))
    .map(({ key: _key, reminded: _reminded, opensOn: _opensOn, ...shown }) => shown);
}

/** The day the earliest open step falls due, if any is open. */
export const nextDueOn = (agenda: Agenda): CalendarDate | undefined =>
  openSteps(agenda)
    .map((s) => s.dueOn)
    .sort()[0];

/** Plain data, so it survives continue-as-new as part of the workflow state. */
export interface Agenda {
  steps: HumanStep[];
  /** Keys closed since the read model last heard of them. */
  closed: string[];
  seq: number;
  /** Bumped on every change, to wake the loop and re-arm its timer. */
  revision: number;
}

export const newAgenda = (): Agenda => ({ steps: [], closed: [], seq: 0, revision: 0 });

export interface StepPlan {
  step: string;
  assignee: Assignee;
  due: DueDate;
  remindOn?: DueDate | null;
  /** Plan the step ahead: it opens at the start of this day (see HumanStep.opensOn). */
  opensOn?: CalendarDate;
}

export function openStep(agenda: Agenda, plan: StepPlan): HumanStep {
  const opened: HumanStep = {
    key: `${plan.step}#${++agenda.seq}`,
    step: plan.step,
    assignee: plan.assignee,
    reminded: false,
    overdue: false,
    ...datesOf(plan),
    ...(plan.opensOn ? { opensOn: plan.opensOn } : {}),
  };
  agenda.steps.push(opened);
  agenda.revision++;
  return opened;
}

function datesOf(plan: Pick<StepPlan, 'due' | 'remindOn'>) {
  return {
    dueOn: plan.due.date,
    provisional: plan.due.provisional || Boolean(plan.remindOn?.provisional),
    ...(plan.remindOn ? { remindOn: plan.remindOn.date } : {}),
  };
}

export const findStep = (agenda: Agenda, step: string): HumanStep | undefined =>
  agenda.steps.find((s) => s.step === step);

/** Moves a step's dates (an extension): it is no longer overdue, and reminds again if due. */
export function rescheduleStep(agenda: Agenda, key: string, plan: Pick<StepPlan, 'due' | 'remindOn'>): void {
  const index = agenda.steps.findIndex((s) => s.key === key);
  const current = agenda.steps[index];
  if (!current) return;
  const { remindOn: _dropped, ...kept } = current;
  agenda.steps[index] = { ...kept, ...datesOf(plan), reminded: false, overdue: false };
  agenda.revision++;
}

/**
 * Puts an open step off by `days` calendar days (see postponedDue), its reminder with it unless
 * already given.
 */
export function postponeStep(agenda: Agenda, step: HumanStep, days: number): DueDate {
  const due = postponedDue({ date: step.dueOn, provisional: step.provisional }, days);
  const remindOn =
    step.remindOn && !step.reminded ? postponedDue({ date: step.remindOn, provisional: false }, days) : null;
  rescheduleStep(agenda, step.key, { due, remindOn });
  return due;
}

export function closeStep(agenda: Agenda, key: string): void {
  const before = agenda.steps.length;
  agenda.steps = agenda.steps.filter((s) => s.key !== key);
  if (agenda.steps.length === before) return;
  agenda.closed.push(key);
  agenda.revision++;
}

export function closeSteps(agenda: Agenda, which: (s: HumanStep) => boolean = () => true): void {
  for (const s of agenda.steps.filter(which)) closeStep(agenda, s.key);
}

export type MilestoneKind = 'open' | 'remind' | 'overdue';

export interface Milestone {
  kind: MilestoneKind;
  step: HumanStep;
  at: number;
}

function milestonesOf(step: HumanStep): Milestone[] {
  if (step.opensOn) return [{ kind: 'open', step, at: startOfDayInShanghai(step.opensOn).getTime() }];
  if (step.overdue) return [];
  const overdue: Milestone = { kind: 'overdue', step, at: endOfDayInShanghai(step.dueOn).getTime() };
  if (!step.remindOn || step.reminded) return [overdue];
  return [{ kind: 'remind', step, at: startOfDayInShanghai(step.remindOn).getTime() }, overdue];
}

export function nextMilestone(agenda: Agenda): Milestone | undefined {
  return agenda.steps.flatMap(milestonesOf).sort((a, b) => a.at - b.at)[0];
}

/**
 * Runs a process's timeline until `isDone()`: fires every milestone whose time has come, in order,
 * then sleeps on a durable timer (months if need be) until the next one, waking early to re-plan
 * whenever the agenda changes. Returns early when `shouldPause()` says to continue-as-new. With
 * `exclusive`, each milestone is found and fired in the case's turn, so that a step running at the
 * same moment never sees a milestone half applied.
 */
export async function runAgenda(
  agenda: Agenda,
  process: {
    isDone(): boolean;
    onMilestone(m: Milestone): Promise<void>;
    shouldPause?(): boolean;
    exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
  },
): Promise<'done' | 'paused'> {
  const { exclusive } = process;
  if (!exclusive) return runAgendaAtOnce(agenda, process);
  // Decided in the case's turn: a step in progress may pass through a final status and be undone.
  const nextMove = async (): Promise<'done' | 'paused' | 'fired' | 'wait'> => {
    if (process.isDone()) return 'done';
    if (process.shouldPause?.()) return 'paused';
    const next = nextMilestone(agenda);
    if (!next || next.at > Date.now()) return 'wait';
    await fire(agenda, next, process.onMilestone);
    return 'fired';
  };
  for (;;) {
    const move = await exclusive(nextMove);
    if (move === 'done' || move === 'paused') return move;
    if (move === 'wait') await nextChange(agenda, process);
  }
}

/** Marks a milestone reached on its step, then lets the process act on it. */
function fire(agenda: Agenda, next: Milestone, onMilestone: (m: Milestone) => Promise<void>): Promise<void> {
  if (next.kind === 'open') delete next.step.opensOn;
  if (next.kind === 'remind') next.step.reminded = true;
  if (next.kind === 'overdue') next.step.overdue = true;
  agenda.revision++;
  return onMilestone(next);
}

/** Sleeps until the next milestone is due, the agenda changes, or the process is done. */
function nextChange(agenda: Agenda, process: { isDone(): boolean }): Promise<unknown> {
  const next = nextMilestone(agenda);
  const revision = agenda.revision;
  const changed = () => agenda.revision !== revision || process.isDone();
  return next ? condition(changed, next.at - Date.now()) : condition(changed);
}

/** The loop as it ran before milestones took turns with steps; runs started then replay on it. */
async function runAgendaAtOnce(
  agenda: Agenda,
  process: { isDone(): boolean; onMilestone(m: Milestone): Promise<void>; shouldPause?(): boolean },
): Promise<'done' | 'paused'> {
  while (!process.isDone()) {
    if (process.shouldPause?.()) return 'paused';
    const next = nextMilestone(agenda);
    if (next && next.at <= Date.now()) {
      await fire(agenda, next, process.onMilestone);
      continue;
    }
    await nextChange(agenda, process);
  }
  return 'done';
}
