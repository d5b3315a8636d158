// Recording a change: what every process workflow does after its state changed. The change is
// appended to the case history, the version bumped, and one local activity writes the read model,
// audit entry, credit-file entries, tasks, evidence metadata and notifications in one transaction;
// then the search attributes follow, where they changed.
import {
  patched,
  proxyActivities,
  proxyLocalActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Notification } from '../../activities/notifier';
import type { CreditFileAmendment, EvidenceRecord, SyncLedgerEntry } from '../../activities/transitions';
import {
  endOfDayInShanghai,
  todayInShanghai,
  type CalendarDate,
  type CaseType,
  type DocumentDraft,
} from '../../domain';
import { creditSyncWorkflowId } from '../creditSync';
import { documentServiceWorkflowId } from '../documentService';
import { notificationDeliveryWorkflowId } from '../notificationDelivery';
import { isPlanned, newAgenda, nextDueOn, openSteps, type Agenda, type HumanStep } from '../humanStep';
import type { Actor, CreditFileEntry, HistoryEntry } from '../messages';
import * as SearchAttribute from '../searchAttributes';

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

/** The part of every process's state that the process kit and the human-step agenda manage. */
export interface ProcessCore {
  type: CaseType;
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
  /** Objections: the credit-file entry disputed, amended or removed (activities/transitions.ts). */
  creditFileAmendment?: CreditFileAmendment;
  /** What else the audit entry shows changed besides the status (e.g. due dates). */
  audit?: { before: Record<string, unknown>; after: Record<string, unknown> };
  /** Documents the change issues (文书): numbered, rendered and stored once, whatever retries. */
  documents?: DocumentDraft[];
}

/** The core of a new case's state: nothing recorded yet, nothing on its agenda. */
export function newCore<T extends CaseType, S extends string>(
  type: T,
  status: S,
  of: Pick<ProcessCore, 'id' | 'enterpriseId' | 'agency' | 'matterCode' | 'violationOn'>,
): ProcessCore & { type: T; status: S } {
  return { type, ...of, status, openedAt: new Date().toISOString(), version: 0, history: [], agenda: newAgenda() };
}

/** What every case view shows of the core: who and where it stands, its open steps and its history. */
export function coreView<S extends string>(core: ProcessCore & { status: S }) {
  const next = nextDueOn(core.agenda);
  return {
    id: core.id,
    enterpriseId: core.enterpriseId,
    status: core.status,
    openSteps: openSteps(core.agenda),
    ...(next ? { nextDueOn: next } : {}),
    history: core.history,
  };
}

/** A change as a step or timer describes it; `move` adds the status it moved from. */
export type Recorded = Omit<Change, 'from'>;

/** A timer's notice to whoever a step waits for (a reminder, a late step). */
export function noticeToAssignee(
  action: string,
  step: HumanStep,
  kind: string,
  message: string,
  payload?: Record<string, unknown>,
): Recorded {
  const notice = { recipientRole: step.assignee, kind, message, ...(payload ? { payload } : {}) };
  return { actor: SYSTEM, action, notify: [notice] };
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
  const syncLedger = change.syncLedger?.map((s) => ({ ...s, key: `${key}:sync:${s.platform}:${s.action}` }));
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
    ...(change.creditFileAmendment ? { creditFileAmendment: change.creditFileAmendment } : {}),
    ...(syncLedger ? { syncLedger } : {}),
    notifications: (change.notify ?? []).map((n, i) => ({
      ...n,
      key: `${key}:${i}`,
      enterpriseId: core.enterpriseId,
      agency: core.agency,
      processId: core.id,
    })),
  });
  core.projectedVersion = Math.max(core.projectedVersion ?? 0, version);
  // Retried until it succeeds; keyed by the change, so a retry or a replay finds what it issued.
  // Runs from before documents issue none.
  if (change.documents?.length && patched('issues-documents')) {
    // In the workflow task, like the recording: the step answers once its documents exist, and no
    // activity task is scheduled (the time-skipping test server cannot skip past one in flight).
    const issued = await (local ? inWorkflowTask : asActivity).issueDocuments({
      process: { type: core.type, id: core.id, enterpriseId: core.enterpriseId, agency: core.agency },
      changeKey: key,
      issuedAt: at,
      drafts: change.documents,
    });
    // Each document to be served waits for service in a workflow of its own, outliving the case's run.
    const served = issued.filter((d) => d.serviceDueOn);
    if (served.length > 0 && patched('serves-documents'))
      await (local ? inWorkflowTask : asActivity).startFollowUps({
        starts: served.map((doc) => ({
          workflowType: 'documentService',
          workflowId: documentServiceWorkflowId(doc.id),
          args: [{ documentId: doc.id, serviceDueOn: doc.serviceDueOn! }],
        })),
      });
  }
  // After the documents, so that an e-mail carries the ones its change issued. Retried with backoff
  // until delivered; the outbox keys make a repeat a no-op for the inbox and the same message by mail.
  // What a channel refused (an SMTP outage) is retried by a workflow of its own: the step never waits for it.
  if (change.notify?.length && patched('delivers-notifications')) {
    const delivery = await (local ? inWorkflowTask : asActivity).deliverNotifications({
      keys: change.notify.map((_, i) => `${key}:${i}`),
    });
    if (delivery?.undelivered.length)
      await (local ? inWorkflowTask : asActivity).startFollowUps({
        starts: [
          {
            workflowType: 'notificationDelivery',
            workflowId: notificationDeliveryWorkflowId(key),
            args: [{ keys: delivery.undelivered }],
          },
        ],
      });
  }
  // Each platform's entry goes out in a workflow of its own (retries, failure, the overdue task),
  // which outlives this case's run; the step does not wait for the platforms.
  if (syncLedger?.length && patched('syncs-credit-platforms')) {
    await (local ? inWorkflowTask : asActivity).startFollowUps({
      starts: syncLedger.map((entry) => ({
        workflowType: 'creditSync',
        workflowId: creditSyncWorkflowId(entry.key),
        args: [{ key: entry.key, dueOn: entry.dueOn }],
      })),
    });
  }
  if (!patched('search-attributes')) return;
  const attributes = searchAttributesOf(core);
  // Only what changed: each upsert is a write to the visibility store.
  const changed = local
    ? attributes.filter((a) => !sameValue(workflowInfo().typedSearchAttributes.get(a.key), a.value))
    : attributes;
  if (changed.length > 0) upsertSearchAttributes(changed);
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
