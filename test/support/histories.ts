// Recorded workflow histories for the replay gate (test/workflows/replay.test.ts).
// `npm run histories:record` runs the workflow and concurrency tests with RECORD_HISTORIES set;
// every workflow a test file started through the API then has its history written to
// test/histories/ before the file's cleanup ends it, unless a history of the same path is already
// there: the same workflow type, the same patches taken, the same sequence of recorded actions.
// index.json keeps each recorded path's signature. docs/testing.md says when histories retire.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { QueryDefinition } from '@temporalio/common';
import {
  objectionView,
  observationView,
  offsetView,
  penaltyRecordView,
  rectificationView,
  type HistoryEntry,
} from '../../workflows/messages';

export const historiesDir = path.resolve(import.meta.dirname, '../histories');
const indexFile = path.join(historiesDir, 'index.json');
const workflowsDir = path.resolve(import.meta.dirname, '../../workflows');

type History = temporal.api.history.v1.IHistory;

/** Patches every run reaches (the process kit's): a history without one took its old branch. */
const REACHED_BY_EVERY_RUN = new Set(['steps-take-turns', 'records-in-workflow-task', 'search-attributes']);

/** Each workflow type's view query: its history lists the actions the run took. */
const VIEWS: Record<string, QueryDefinition<{ history: HistoryEntry[] }>> = {
  rectification: rectificationView,
  observationPeriod: observationView,
  penaltyRecord: penaltyRecordView,
  objectionView,
  observationView,
  offsetView,
};

export async function loadHistories(): Promise<Array<{ file: string; history: History }>> {
  const files = (await readdir(historiesDir)).filter((f) => /-[0-9a-f]+\.json$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      file,
      history: historyFromJSON(JSON.parse(await readFile(path.join(historiesDir, file), 'utf8'))),
    })),
  );
}

/** The patches a history's run took the new branch of (their markers). */
export function patchesIn(history: History): Set<string> {
  const ids = new Set<string>();
  for (const event of history.events ?? []) {
    const marker = event.markerRecordedEventAttributes;
    const data = marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0]?.data : undefined;
    if (data) ids.add(JSON.parse(Buffer.from(data).toString('utf8')).id);
  }
  return ids;
}

/** Every patch id the workflow code calls `patched()` with, and whether every run reaches it. */
export async function patchesInSource(): Promise<Array<{ id: string; everyRun: boolean }>> {
  const files = (await readdir(workflowsDir, { recursive: true })).filter((f) => f.endsWith('.ts'));
  const ids = new Set<string>();
  for (const file of files) {
    const text = await readFile(path.join(workflowsDir, file), 'utf8');
    for (const match of text.matchAll(/\bpatched\('([^']+)'\)/g)) ids.add(match[1]!);
  }
  return [...ids].sort().map((id) => ({ id, everyRun: REACHED_BY_EVERY_RUN.has(id) }));
}

async function readIndex(): Promise<Record<string, string>> {
  return JSON.parse(await readFile(indexFile, 'utf8').catch(() => '{}'));
}

/** Workflow task events (scheduled, started, completed): every history has them, they tell no path apart. */
const WORKFLOW_TASK_EVENTS = new Set([5, 6, 7]);

/** What a workflow without a view (graded supervision's timers) did: its event types, less the workflow tasks'. */
const eventPath = (history: History): string[] =>
  (history.events ?? [])
    .map((e) => Number(e.eventType))
    .filter((t) => !WORKFLOW_TASK_EVENTS.has(t))
    .map(String);

/** Records each workflow's latest run, or the run named (a run that continued as new). */
export async function recordHistories(
  env: TestWorkflowEnvironment,
  workflowIds: readonly (string | { workflowId: string; runId: string })[],
): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const index = await readIndex();
  for (const target of workflowIds) {
    const handle =
      typeof target === 'string'
        ? env.client.workflow.getHandle(target)
        : env.client.workflow.getHandle(target.workflowId, target.runId);
    const [history, { runId }] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    const type = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown';
    const view = VIEWS[type];
    // A file whose worker is gone (a recovery test) cannot be queried: its runs are kept whatever their path.
    const actions = view
      ? await handle.query(view).then(
          (v) => v.history.map((h) => h.action),
          () => [`unqueried ${runId}`],
        )
      : eventPath(history);
    const signature = [type, [...patchesIn(history)].sort().join('+'), actions.join(',')].join('|');
    if (Object.values(index).includes(signature)) continue;
    // Named by run: a business-keyed workflow id recurs across recordings, and old runs must stay.
    const name = `${type}-${createHash('sha256').update(runId).digest('hex').slice(0, 10)}.json`;
    await writeFile(path.join(historiesDir, name), historyToJSON(history));
    index[name] = signature;
  }
  await writeFile(indexFile, `${JSON.stringify(index, null, 2)}\n`);
}
