// A bulk deadline extension (批量延期) as one case applies it: each listed step that is still open
// is put off, once per batch, and the change is recorded with every step's old and new due date.
// Registered by the process kit for every process; each process says how its own dates follow.
import { isPlanned, type HumanStep } from '../humanStep';
import type { By, DeadlineExtension, DeadlineExtensionResult, ExtendedStep } from '../messages';
import type { Change, ProcessCore } from './recording';

export async function applyDeadlineExtension(
  core: ProcessCore,
  postpone: (step: HumanStep, days: number) => void,
  note: (change: Omit<Change, 'from'>) => Promise<unknown>,
  { actor, batchId, stepKeys, days, reason }: By<DeadlineExtension>,
): Promise<DeadlineExtensionResult> {
  if (core.appliedExtensions?.includes(batchId)) return { applied: false, extended: [], skipped: [] };
  (core.appliedExtensions ??= []).push(batchId);
  const extended: Array<ExtendedStep & { assignee: HumanStep['assignee'] }> = [];
  const skipped: string[] = [];
  for (const key of stepKeys) {
    const step = core.agenda.steps.find((s) => s.key === key && !isPlanned(s));
    if (!step) {
      skipped.push(key);
      continue;
    }
    postpone(step, days);
    const to = core.agenda.steps.find((s) => s.key === key)?.dueOn ?? step.dueOn;
    extended.push({ key, step: step.step, from: step.dueOn, to, assignee: step.assignee });
  }
  if (extended.length > 0) {
    await note({
      actor,
      action: 'deadlines.extended',
      reason,
      audit: {
        before: { dueOn: Object.fromEntries(extended.map((e) => [e.key, e.from])) },
        after: { dueOn: Object.fromEntries(extended.map((e) => [e.key, e.to])), batchId, days },
      },
      notify: extended.map((e) => ({
        recipientRole: e.assignee,
        kind: 'deadline_extended',
        message: `${e.step} is now due on ${e.to} instead of ${e.from}: ${reason}`,
        payload: { step: e.step, from: e.from, to: e.to },
      })),
    });
  }
  return { applied: true, extended: extended.map(({ assignee: _assignee, ...e }) => e), skipped };
}
