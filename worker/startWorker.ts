// Creates and runs the Temporal worker: workflows from workflows/, activities bound to the database.
import path from 'node:path';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type LogLevel,
  type WorkerOptions,
} from '@temporalio/worker';
import type { Config } from '../config';
import { createLogger } from '../config/logger';
import { loadPayloadCodec, logPayloadKeys } from '../config/payloadCodec';
import { dataConverterOf, temporalConnectionOptions } from '../config/temporal';
import type { DatabaseHandle } from '../db/client';
import { openConfiguredDatabase } from '../db/open';
import { createActivities } from '../activities';
import { DirectoryFileStore } from '../db/fileStore';
import { LoggingSmsSender, SmtpMailer } from '../activities/mailer';

const temporalLevels: Record<Config['LOG_LEVEL'], LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

/** Sends the Temporal SDK's own logs through pino, so a process writes one log format. Call first. */
export function installRuntimeLogging(config: Config): void {
  const logger = createLogger(config, 'temporal');
  Runtime.install({
    logger: new DefaultLogger(temporalLevels[config.LOG_LEVEL], ({ level, message, meta }) => {
      const method =
        level === 'TRACE'
          ? 'trace'
          : level === 'DEBUG'
            ? 'debug'
            : level === 'INFO'
              ? 'info'
              : level === 'WARN'
                ? 'warn'
                : 'error';
      logger[method](meta ?? {}, message);
    }),
  });
}

export const workflowsPath = path.join(import.meta.dirname, '../workflows/index.ts');

/** The capacity knobs from the configuration (WORKER_* in config/index.ts); unset ones keep the SDK's defaults. */
export function workerTuning(config: Config): Partial<WorkerOptions> {
  const options: Partial<WorkerOptions> = {
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: config.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
    maxConcurrentWorkflowTaskPolls: config.WORKER_WORKFLOW_TASK_POLLERS,
    maxConcurrentActivityTaskPolls: config.WORKER_ACTIVITY_TASK_POLLERS,
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

export interface RunningWorker {
  /** Settles when the worker has stopped, by `stop()` or by a fatal error. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function startWorker(
  config: Config,
  shared?: { database: DatabaseHandle; workflowBundle?: WorkerOptions['workflowBundle'] },
): Promise<RunningWorker> {
  const logger = createLogger(config, 'worker');
  const payloadCodec = await loadPayloadCodec(config);
  logPayloadKeys(logger, payloadCodec, config);
  const database = shared?.database ?? (await openConfiguredDatabase(config));
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await Worker.create({
    connection,
    // A prebuilt workflowBundle must have been bundled with the same failureConverterPath.
    dataConverter: dataConverterOf(payloadCodec.codec),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...(shared?.workflowBundle ? { workflowBundle: shared.workflowBundle } : { workflowsPath }),
    activities: createActivities({
      db: database.db,
      documents: new DirectoryFileStore(path.join(config.dataDir, 'documents')),
      documentOptions: { font: { path: config.DOCUMENT_FONT_PATH, family: config.DOCUMENT_FONT_FAMILY } },
      delivery: {
        ...(config.SMTP_URL ? { mailer: new SmtpMailer(config.SMTP_URL, config.SMTP_FROM) } : {}),
        sms: new LoggingSmsSender(logger),
      },
      ...(config.CREDIT_SYNC_URL && config.CREDIT_SYNC_SECRET
        ? { creditSync: { url: config.CREDIT_SYNC_URL, secret: config.CREDIT_SYNC_SECRET } }
        : {}),
    }),
    ...workerTuning(config),
  });
  const done = worker.run().finally(async () => {
    await connection.close();
    if (!shared) await database.close();
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');
  return {
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
