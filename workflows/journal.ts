// What every process workflow does after a change: append it to the case history, bump the
// version, and have one activity write the read model, audit entry, credit-file entries, tasks and
// notifications. Shared by all three processes so each records its changes the same way.
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Notification } from '../activities/notifier';
import type { CreditFileEntry, EvidenceRecord, ProcessType, SyncLedgerEntry } from '../activities/transitions';
import { endOfDayInShanghai, todayInShanghai, type CalendarDate, type Refusal } from '../domain';
import {
  closeSteps,
  isPlanned,
  nextDueOn,
  postponeStep,
  runAgenda,
  type Agenda,
  type HumanStep,
  type Milestone,
} from './humanStep';
import { extendDeadlines, processOpened, type Actor, type ExtendedStep } from './messages';
import * as SearchAttribute from './searchAttributes';

const recording = {
  startToCloseTimeout: '30 seconds',
  // Unlimited attempts: a database outage delays the read model, it never loses a change.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;
const asActivity = proxyActivities<Activities>(recording);
// In the workflow task itself: a step's update then completes in the task that accepted it, with no
// activity task and no second workflow task (a third of the CPU of a step, bench/README.md).
// During a database outage it retries in the worker, holding the workflow task open.
const inWorkflowTask = proxyLocalActivities<Activities>(recording);

export const SYSTEM: Actor = { sub: 'system', role: 'system' };

export interface HistoryEntry {
  at: string;
  actor: string;
  role: string;
  action: string;
  from: string;
  to: string;
  reason?: string;
}

/** The part of every process's state that this module and the human-step agenda manage. */
export interface ProcessCore {
  type: ProcessType;
  id: string;
  enterpriseId: string;
  agency?: string;
  matterCode?: string;
  violationOn?: CalendarDate;
  status: string;
  openedAt: string;
  version: number;
  /** The highest version the read model is known to hold. */
  projectedVersion?: number;
  history: HistoryEntry[];
  agenda: Agenda;
  /** Bulk extensions (their batch ids) this case has applied, so that none applies twice. */
  appliedExtensions?: string[];
}

export interface Change {
  actor: Actor;
  action: string;
  /** The status before the change; the process has already moved to its new one. */
  from: string;
  reason?: string;
  creditFile?: Array<Omit<CreditFileEntry, 'key'>>;
  notify?: Array<Pick<Notification, 'recipientRole' | 'kind' | 'message' | 'payload'>>;
  evidence?: EvidenceRecord[];
  /** Penalty records: publication platforms to tell of a repair or its revocation. */
  syncLedger?: Array<Omit<SyncLedgerEntry, 'key'>>;
  /** What else the audit entry shows changed besides the status (e.g. due dates). */
  audit?: { before: Record<string, unknown>; after: Record<string, unknown> };
}

export const today = (): CalendarDate => todayInShanghai(new Date());

/** Records a change that has already been applied to `core`; `view` is the state the API shows. */
export async function record(core: ProcessCore, view: () => unknown, change: Change): Promise<void> {
  const at = new Date().toISOString();
  const entry: HistoryEntry = {
    at,
    actor: change.actor.sub,
    role: change.actor.role,
    action: change.action,
    from: change.from,
    to: core.status,
    ...(change.reason ? { reason: change.reason } : {}),
  };
  core.history.push(entry);
  const version = ++core.version;
  const key = `${core.id}:${version}`;
  const closed = core.agenda.closed.splice(0);
  const local = patched('records-in-workflow-task');
  const { recordTransition } = local ? inWorkflowTask : asActivity;
  await recordTransition({
    process: {
      type: core.type,
      id: core.id,
      workflowId: workflowInfo().workflowId,
      runId: workflowInfo().runId,
      enterpriseId: core.enterpriseId,
      agency: core.agency,
      matterCode: core.matterCode,
      violationOn: core.violationOn,
      status: core.status,
      version,
      openedAt: core.openedAt,
      view: view(),
    },
    audit: [
      {
        key,
        at,
        actor: entry.actor,
        role: entry.role,
        action: entry.action,
        reason: change.reason,
        before: { status: change.from, ...change.audit?.before },
        after: { status: core.status, ...change.audit?.after },
      },
    ],
    creditFile: (change.creditFile ?? []).map((c, i) => ({ ...c, key: `${key}:${i}` })),
    // A planned step becomes a task only when it opens.
    openTasks: core.agenda.steps
      .filter((s) => !isPlanned(s))
      .map((s) => ({
        key: `${core.id}:${s.key}`,
        assigneeRole: s.assignee,
        step: s.step,
        dueOn: s.dueOn,
        overdue: s.overdue,
      })),
    closeTasks: closed.map((k) => `${core.id}:${k}`),
    evidence: change.evidence ?? [],
    ...(change.syncLedger
      ? { syncLedger: change.syncLedger.map((s) => ({ ...s, key: `${key}:sync:${s.platform}:${s.action}` })) }
      : {}),
    notifications: (change.notify ?? []).map((n, i) => ({
      ...n,
      key: `${key}:${i}`,
      enterpriseId: core.enterpriseId,
      agency: core.agency,
      processId: core.id,
    })),
  });
  core.projectedVersion = Math.max(core.projectedVersion ?? 0, version);
  if (!patched('search-attributes')) return;
  const attributes = searchAttributesOf(core);
  // Only what changed: each upsert is a write to the visibility store.
  const changed = local
    ? attributes.filter((a) => !sameValue(workflowInfo().typedSearchAttributes.get(a.key), a.value))
    : attributes;
  if (changed.length > 0) upsertSearchAttributes(changed);
}

/**
 * What every process workflow builds on its state: its view query and opening answer registered,
 * status tests, refusals, and `move`, which changes the status and records why.
 */
export function processKit<S extends string, V>(
  core: ProcessCore & { status: S },
  spec: {
    view: () => V;
    query: QueryDefinition<V>;
    final: readonly S[];
    /**
     * Puts an open step off by `days` calendar days, with whatever of the process's own dates
     * follow from it (a rectification's deadline moves with its evidence step). By default only
     * the step moves.
     */
    postpone?: (step: HumanStep, days: number) => void;
  },
) {
  const { view, final } = spec;
  setHandler(spec.query, view);
  handleExtensions(core, spec.postpone ?? ((step, days) => void postponeStep(core.agenda, step, days)), {
    isOpen: () => !final.includes(core.status),
    record: (change) => record(core, view, { ...change, from: core.status }),
  });
  setHandler(processOpened, async () => {
    // Answer once the read model holds the case, so that a rule check right after the POST (首违不罚
    // reads earlier violations there) sees it. Runs opened before this answered on recording.
    const untilProjected = patched('opening-waits-for-read-model');
    await condition(() => (untilProjected ? (core.projectedVersion ?? 0) > 0 : core.version > 0));
    return view();
  });
  return {
    is: (...statuses: readonly S[]) => statuses.includes(core.status),
    /** Refuses with 409 INVALID_STATE unless `ok`; for validators. */
    require: (ok: boolean, message: string) => ok || invalidState(message),
    /** Moves to `to` (a final status closes every open step) and records it; returns the new view. */
    async move(to: S, change: Omit<Change, 'from'>): Promise<V> {
      const from = core.status;
      core.status = to;
      if (final.includes(to)) closeSteps(core.agenda);
      await record(core, view, { ...change, from });
      return view();
    },
    /**
     * Runs the case's timeline until it is done, then answers with its final view. When Temporal
     * suggests it (a long history), continues as new with the whole state carried over.
     */
    async run(onMilestone: (m: Milestone) => Promise<void>, isDone = () => final.includes(core.status)): Promise<V> {
      const shouldPause = () => workflowInfo().continueAsNewSuggested;
      const ended = await runAgenda(core.agenda, { isDone, onMilestone, shouldPause });
      await condition(allHandlersFinished);
      if (ended === 'paused') await continueAsNew<(input: { resume: ProcessCore }) => Promise<V>>({ resume: core });
      return view();
    },
  };
}

/**
 * What operators filter cases by in the Temporal UI: opaque ids and codes only (search attributes
 * are never encrypted). NextDueAt is when the earliest open step falls due; none, when none is open.
 */
function searchAttributesOf(core: ProcessCore) {
  const due = nextDueOn(core.agenda);
  return [
    { key: SearchAttribute.EnterpriseId, value: core.enterpriseId },
    { key: SearchAttribute.ProcessType, value: core.type },
    { key: SearchAttribute.ProcessStatus, value: core.status },
    { key: SearchAttribute.Agency, value: core.agency ?? null },
    { key: SearchAttribute.NextDueAt, value: due ? endOfDayInShanghai(due) : null },
  ];
}

/** Whether a search attribute already holds `value`: absent counts as none, dates compare as instants. */
const sameValue = (held: unknown, value: unknown): boolean =>
  held instanceof Date && value instanceof Date
    ? held.getTime() === value.getTime()
    : (held ?? null) === (value ?? null);

/** Throws a domain refusal so that the caller gets its code: 409 INVALID_STATE, 422 rule codes. */
export function refuse(refusal: Refusal): never {
  throw ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    details: refusal.details ?? [],
    nonRetryable: true,
  });
}

export const invalidState = (message: string): never => refuse({ code: 'INVALID_STATE', message });

/**
 * Registers a human step: `guard` runs synchronously before anything enters history and refuses
 * an illegal step by throwing; `act` applies it. (A guard must never be async: the SDK would
 * ignore its rejection and accept the update.)
 */
export function handleStep<Args extends [unknown], Result>(
  update: UpdateDefinition<Result, Args>,
  guard: (...args: NoInfer<Args>) => void,
  act: (...args: NoInfer<Args>) => Promise<Result>,
): void {
  setHandler(update, act, { validator: guard });
}

/**
 * A bulk deadline extension as one case applies it: each listed step that is still open is put
 * off, once per batch, and the change is recorded with every step's old and new due date.
 */
function handleExtensions(
  core: ProcessCore,
  postpone: (step: HumanStep, days: number) => void,
  kit: { isOpen(): boolean; record(change: Omit<Change, 'from'>): Promise<void> },
): void {
  handleStep(
    extendDeadlines,
    () => void (kit.isOpen() || invalidState(`The case is ${core.status}; it has no deadlines left to extend.`)),
    async ({ actor, batchId, stepKeys, days, reason }) => {
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
        await kit.record({
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
    },
  );
}
