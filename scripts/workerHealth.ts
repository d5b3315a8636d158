// `npm run worker:health`: exits 0 when a worker of this host (container, pod) polls the task queue
// for both workflow and activity tasks, 1 otherwise. The worker serves no HTTP, so this is its
// health check: Temporal itself says whether it is connected and taking work (the same test the
// reliability tests use to know a worker is ready).
import os from 'node:os';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { loadConfig } from '../config';
import { temporalConnectionOptions } from '../config/temporal';

/** A poller Temporal has not heard from for this long is gone (long polls last about a minute). */
const POLLED_WITHIN_MS = 2 * 60_000;

const config = loadConfig();
const connection = await Connection.connect({ ...temporalConnectionOptions(config), connectTimeout: 5_000 });
try {
  const suffix = `@${os.hostname()}`;
  const { TaskQueueType, TaskQueueKind } = proto.temporal.api.enums.v1;
  const polling = await Promise.all(
    [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY].map(async (taskQueueType) => {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: {
          name: config.TEMPORAL_TASK_QUEUE,
          kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
        },
        taskQueueType,
      });
      return (pollers ?? []).some((p) => {
        const seen = Number(p.lastAccessTime?.seconds ?? 0) * 1000;
        return p.identity?.endsWith(suffix) && Date.now() - seen < POLLED_WITHIN_MS;
      });
    }),
  );
  if (!polling.every(Boolean)) {
    console.error(`no worker of ${os.hostname()} polls ${config.TEMPORAL_TASK_QUEUE}`);
    process.exitCode = 1;
  }
} finally {
  await connection.close();
}
