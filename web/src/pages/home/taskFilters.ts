// The to-do list's filters, kept in the URL (?process=&step=&due=) so that a filtered list can be
// bookmarked and shared, and its grouping by when a task is due.
import { useSearchParams } from 'react-router';
import type { Task } from '../../api/types';
import { dueThisWeek } from '../../format/dates';

export const DUE_GROUPS = ['overdue', 'week', 'later'] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

export const dueGroupOf = (task: Task): DueGroup =>
  task.overdue ? 'overdue' : dueThisWeek(task.dueOn) ? 'week' : 'later';

export interface TaskFilters {
  process?: string;
  step?: string;
  due?: DueGroup;
}

export function useTaskFilters() {
  const [params, setParams] = useSearchParams();
  const due = params.get('due');
  const filters: TaskFilters = {
    process: params.get('process') ?? undefined,
    step: params.get('step') ?? undefined,
    due: DUE_GROUPS.find((g) => g === due),
  };
  function update(change: Partial<TaskFilters>) {
    const nextFilters = { ...filters, ...change };
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(nextFilters)) if (value) next.set(key, value);
    setParams(next, { replace: true });
  }
  return { filters, update };
}

export const applyFilters = (tasks: Task[], { process, step, due }: TaskFilters): Task[] =>
  tasks.filter(
    (t) => (!process || t.processType === process) && (!step || t.step === step) && (!due || dueGroupOf(t) === due),
  );
