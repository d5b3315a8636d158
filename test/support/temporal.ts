// Test-side handles on the servers the global setup started, and a worker per test.
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { Activities } from '../../activities';
import { searchAttributeKeys } from '../../workflows/searchAttributes';
import { resolveTestServer } from '../../scripts/temporalBinaries';
import { testDataConverter } from './payloadCodec';

interface ExistingServer {
  server: { type: 'existing' };
  address: string;
  namespace: string;
  supportsTimeSkipping: boolean;
  client: { dataConverter: typeof testDataConverter };
}

/**
 * Attaches to the shared time-skipping server. The SDK only exposes `createFromExistingServer`
 * without time skipping, so this reaches its (pinned, 1.24) internal factory with skipping on.
 */
export function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const factory = TestWorkflowEnvironment as unknown as { create(o: ExistingServer): Promise<TestWorkflowEnvironment> };
  return factory.create({
    server: { type: 'existing' },
    address: inject('timeSkippingAddress'),
    namespace: 'default',
    supportsTimeSkipping: true,
    client: { dataConverter: testDataConverter },
  });
}

/**
 * A time-skipping server of the calling file's own, started from the same binary as the shared one:
 * its clock starts at the real now whatever earlier files skipped, and whatever this file skips
 * (months, years) leaves the shared server's clock alone. Torn down with the environment.
 */
export async function ownTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const { executable } = await resolveTestServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable },
    client: { dataConverter: testDataConverter },
  });
  await registerSearchAttributes(env);
  return env;
}

/**
 * The time-skipping server refuses upserts of search attributes it does not know, and takes no
 * flag to declare them: they are added through its operator service, as on a real cluster.
 */
export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const searchAttributes = Object.fromEntries(
    searchAttributeKeys.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes });
}

export const devServerEnvironment = (): Promise<TestWorkflowEnvironment> =>
  TestWorkflowEnvironment.createFromExistingServer({
    address: inject('devServerAddress'),
    client: { dataConverter: testDataConverter },
  });

let bundleCode: Promise<string> | undefined;

function createWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: Partial<Activities>,
): Promise<Worker> {
  bundleCode ??= readFile(inject('workflowBundlePath'), 'utf8');
  return bundleCode.then((code) =>
    Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { code },
      activities,
      dataConverter: testDataConverter,
    }),
  );
}

/** A worker on its own task queue, running the shared bundle; stopped when `fn` settles. */
export async function withWorker<T>(
  env: TestWorkflowEnvironment,
  activities: Partial<Activities>,
  fn: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await createWorker(env, taskQueue, activities);
  return worker.runUntil(fn(taskQueue));
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/** A worker that runs until stopped, for tests that drive workflows over several steps. */
export async function startWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: Partial<Activities>,
): Promise<RunningWorker> {
  const worker = await createWorker(env, taskQueue, activities);
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
