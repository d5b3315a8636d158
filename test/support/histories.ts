// Recorded workflow histories for the replay test. `npm run histories:record` runs the workflow
// tests with RECORD_HISTORIES set; every workflow a test file started through the API then has
// its history written to test/histories/ before the file's cleanup ends it.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export const historiesDir = path.resolve(import.meta.dirname, '../histories');

export async function recordHistories(env: TestWorkflowEnvironment, workflowIds: readonly string[]): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  await mkdir(historiesDir, { recursive: true });
  for (const workflowId of workflowIds) {
    const handle = env.client.workflow.getHandle(workflowId);
    const [history, { runId }] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    const type = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown';
    // Named by run: a business-keyed workflow id recurs across recordings, and old runs must stay.
    const name = `${type}-${createHash('sha256').update(runId).digest('hex').slice(0, 10)}.json`;
    await writeFile(path.join(historiesDir, name), historyToJSON(history));
  }
}
