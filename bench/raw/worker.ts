// The worker of the raw baselines (bench/raw/workflows.ts): same connection, database pool size
// and tuning as the service's worker (worker/startWorker.ts), on a task queue of its own.
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import pg from 'pg';
import { workerTuning } from '../../worker/startWorker';
import { loadConfig } from '../../config';
import { temporalConnectionOptions } from '../../config/temporal';
import { createRawActivities, RAW_ROWS_DDL } from './activities';

const config = loadConfig();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
await pool.query(RAW_ROWS_DDL);
const connection = await NativeConnection.connect(temporalConnectionOptions(config));
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowsPath: path.join(import.meta.dirname, 'workflows.ts'),
  activities: createRawActivities(pool),
  ...workerTuning(config),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
await worker.run();
await connection.close();
await pool.end();
