// Per-file wiring for HTTP tests: a fresh database, a Temporal environment, optionally a worker
// with the real activities on the file's own task queue, and the app on a real port.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { createActivities, type Activities } from '../../activities';
import { DirectoryFileStore } from '../../db/fileStore';
import { todayInShanghai } from '../../domain';
import { startTestApi, type TestApi } from './api';
import { recordHistories } from './histories';
import { testDataConverter } from './payloadCodec';
import { freshDatabase, type TestDatabase } from './database';
import {
  devServerEnvironment,
  ownTimeSkippingEnvironment,
  startWorker,
  timeSkippingEnvironment,
  type RunningWorker,
} from './temporal';

export interface ApiContext {
  api: TestApi;
  database: TestDatabase;
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** The app's evidence store (DATA_DIR/evidence in service). */
  evidenceDir: string;
  /** Where the worker stores issued documents and the app reads them (DATA_DIR/documents in service). */
  documentsDir: string;
}

export interface ApiOptions {
  /**
   * The time-skipping test server instead of the dev server; `'own'` for one of this file's own
   * (see ownTimeSkippingEnvironment), for files that skip to given dates or far ahead.
   */
  timeSkipping?: boolean | 'own';
  /** Run a worker with the real activities, so that workflows started through the API progress. */
  worker?: boolean;
  /** Wraps the worker's real activities, e.g. to make one fail the way an outside system would. */
  activities?: (real: Activities) => Activities;
  evidenceMaxBytes?: number;
  /** Requests per client per minute before 429; the test app's default is far above any test's needs. */
  rateLimitPerMinute?: number;
  /** Express's `trust proxy` (TRUST_PROXY): as if the API ran behind a load balancer. */
  trustProxy?: boolean | number | string[];
  /** The app's logger; silent by default. */
  logger?: Logger;
  /** Serve the built web console from this directory, with the development sign-in (browser tests). */
  consoleDir?: string;
  /** The development sign-in (`POST /dev/tokens`), as `npm start` has it. */
  devTokens?: boolean;
}

export function useApi(options: ApiOptions = {}): ApiContext {
  const ctx = { taskQueue: `test-${randomUUID()}` } as ApiContext;
  let worker: RunningWorker | undefined;
  const started: string[] = [];
  beforeAll(async () => {
    ctx.database = await freshDatabase();
    ctx.env =
      options.timeSkipping === 'own'
        ? await ownTimeSkippingEnvironment()
        : options.timeSkipping
          ? await timeSkippingEnvironment()
          : await devServerEnvironment();
    ctx.evidenceDir = await mkdtemp(path.join(tmpdir(), 'tempered-evidence-'));
    ctx.documentsDir = await mkdtemp(path.join(tmpdir(), 'tempered-documents-'));
    if (options.worker) {
      // The workflows activities start (a document's service, a sync entry's delivery) are tracked
      // like the API's: terminated when the file ends, their histories recorded.
      const real = createActivities({
        db: ctx.database.db,
        documents: new DirectoryFileStore(ctx.documentsDir),
        temporal: trackingClient(ctx.env, started),
      });
      worker = await startWorker(ctx.env, ctx.taskQueue, options.activities ? options.activities(real) : real);
    }
    ctx.api = await startTestApi({
      db: ctx.database.db,
      temporal: trackingClient(ctx.env, started),
      taskQueue: ctx.taskQueue,
      evidenceDir: ctx.evidenceDir,
      documentsDir: ctx.documentsDir,
      evidenceMaxBytes: options.evidenceMaxBytes,
      rateLimitPerMinute: options.rateLimitPerMinute,
      trustProxy: options.trustProxy,
      logger: options.logger,
      consoleDir: options.consoleDir,
      devTokens: options.devTokens,
      // The API's "today" follows the Temporal server's clock, which time skipping moves.
      today: async () => todayInShanghai(new Date(await ctx.env.currentTimeMs())),
    });
  });
  afterAll(async () => {
    await ctx.api?.close();
    await recordHistories(ctx.env, started);
    await terminate(ctx.env, started);
    await worker?.stop();
    await ctx.env?.teardown();
    await ctx.database?.close();
    if (ctx.evidenceDir) await rm(ctx.evidenceDir, { recursive: true, force: true });
    if (ctx.documentsDir) await rm(ctx.documentsDir, { recursive: true, force: true });
  });
  return ctx;
}

/** The API's client, noting every workflow it starts. */
function trackingClient(env: TestWorkflowEnvironment, started: string[]): Client {
  return new Client({
    connection: env.connection,
    dataConverter: testDataConverter,
    interceptors: {
      workflow: [
        {
          startWithDetails(input, next) {
            started.push(input.options.workflowId);
            return next(input);
          },
          startUpdateWithStart(input, next) {
            started.push(input.workflowStartOptions.workflowId);
            return next(input);
          },
        },
      ],
    },
  });
}

/**
 * Ends what a file left running: the shared time-skipping server only skips time while no
 * workflow anywhere has work pending, and nobody would serve these once the file's worker stops.
 */
async function terminate(env: TestWorkflowEnvironment, workflowIds: string[]): Promise<void> {
  await Promise.all(
    workflowIds.map((id) =>
      env.client.workflow
        .getHandle(id)
        .terminate('test file finished')
        .catch(() => undefined),
    ),
  );
}
