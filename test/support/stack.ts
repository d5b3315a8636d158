// The whole service as it is deployed, for the reliability tests: a Temporal dev server on a SQLite
// file (so it can be stopped and started again on the same state), a throwaway Postgres database,
// and the worker and the API as child processes from their real entry points, configured only
// through the environment, one of each or several (scale-out). Optionally the services reach the
// database through TCP proxies (one for the workers, one for the APIs) that the test can cut. Also:
// tokens signed with the services' key, and an HTTP client that retries a keyed POST the way a
// careful client would (test/support/stackClient.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { signToken, type Principal } from '../../api/auth';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { startDevServer, type DevServer } from '../../scripts/devServer';
import { resolveDevServer } from '../../scripts/temporalBinaries';
import { childService, freePort, type ChildService } from './processes';
import { stackClient, type StackClient } from './stackClient';
import { startTcpProxy, type TcpProxy } from './tcpProxy';

export type { ApiResponse, Outcome, RequestOptions } from './stackClient';

const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;
const TASK_QUEUE_TYPE_ACTIVITY = 2;

/** The admin connection the tests create databases from, if a Postgres answers there. */
export async function reachableAdminDatabase(): Promise<string | undefined> {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The Temporal dev server, restartable on the same SQLite file and port. */
export interface RestartableTemporal {
  readonly address: string;
  /** Stops the server: SIGTERM, then SIGKILL if it has not exited after a grace period. */
  stop(): Promise<void>;
  /** Starts it again on the same file and port. */
  start(): Promise<void>;
  readonly running: boolean;
}

async function restartableTemporal(dataDir: string, log?: (line: string) => void): Promise<RestartableTemporal> {
  const binary = await resolveDevServer();
  const [port, uiPort] = [await freePort(), await freePort()];
  let server: DevServer | undefined;
  const start = async () => {
    server = await startDevServer({ dataDir, port, uiPort, namespace: 'default', binary, log });
  };
  await start();
  return {
    address: `127.0.0.1:${port}`,
    start,
    async stop() {
      await server?.stop();
      server = undefined;
    },
    get running() {
      return server !== undefined;
    },
  };
}

export interface StackOptions {
  adminDatabaseUrl: string;
  /** The workers and the APIs reach Postgres through a TCP proxy each side that the test can cut (`stack.proxies`). */
  proxyDatabase?: boolean;
  /** API processes side by side (default 1), each on its own port, sharing the data directory. */
  apis?: number;
  /** Worker processes polling the same task queue (default 1). */
  workers?: number;
}

export interface Stack extends StackClient {
  /** The first API's base URL, e.g. http://127.0.0.1:4567 (stays the same across API restarts). */
  url: string;
  /** Every API's, in the order of `apis`. */
  urls: string[];
  taskQueue: string;
  temporal: RestartableTemporal;
  /** A connection of the test's own, for describing task queues and reading histories. */
  connection: Connection;
  /** Direct connection to the database, for assertions (never through the proxy). */
  database: DatabaseHandle;
  /** With `proxyDatabase`: the way of each side to Postgres. */
  proxies?: { worker: TcpProxy; api: TcpProxy };
  /** The first worker and the first API. */
  worker: ChildService;
  api: ChildService;
  workers: ChildService[];
  apis: ChildService[];
  /** A token the services accept. */
  token(claims: Principal): Promise<string>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tempered-reliability-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const name = `tempered_reliability_${randomUUID().replaceAll('-', '')}`;
    await admin(options.adminDatabaseUrl, `create database ${name}`);
    cleanups.push(() => admin(options.adminDatabaseUrl, `drop database if exists ${name} with (force)`));
    const databaseUrl = new URL(options.adminDatabaseUrl);
    databaseUrl.pathname = `/${name}`;
    const database = await openDatabase({ url: databaseUrl.toString(), poolSize: 4 });
    cleanups.push(() => database.close());
    await database.migrate();

    let proxies: Stack['proxies'];
    const viaProxy = async () => {
      const proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
      cleanups.push(() => proxy.close());
      return proxy;
    };
    if (options.proxyDatabase) proxies = { worker: await viaProxy(), api: await viaProxy() };
    const databaseUrlFor = (proxy: TcpProxy | undefined) => {
      if (!proxy) return databaseUrl.toString();
      const proxied = new URL(databaseUrl);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      return proxied.toString();
    };

    const verbose = process.env.RELIABILITY_VERBOSE ? (line: string) => console.log(`[temporal] ${line}`) : undefined;
    const temporal = await restartableTemporal(path.join(dir, 'temporal'), verbose);
    cleanups.push(() => temporal.stop());
    const connection = await Connection.connect({ address: temporal.address });
    cleanups.push(() => connection.close());

    const taskQueue = `reliability-${randomUUID()}`;
    const jwtSecret = randomBytes(32).toString('hex');
    const env = {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      HOST: '127.0.0.1',
      JWT_SECRET: jwtSecret,
      PAYLOAD_KEYS: `reliability:${randomBytes(32).toString('base64')}`,
      // Shared by every API process, as a volume mounted into each replica is (evidence files).
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
    };

    const identity = (pid: number) => `${pid}@${os.hostname()}`;
    const polls = async (pid: number, taskQueueType: number) => {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
        taskQueueType,
      });
      return (pollers ?? []).some((p) => p.identity === identity(pid));
    };
    const workers = Array.from({ length: options.workers ?? 1 }, (_, i) =>
      childService({
        name: `worker${i === 0 ? '' : i + 1}`,
        entry: 'worker/main.ts',
        env: { ...env, DATABASE_URL: databaseUrlFor(proxies?.worker) },
        // Ready once Temporal has seen this very process poll for both kinds of task.
        isReady: async (pid) => (await polls(pid, TASK_QUEUE_TYPE_WORKFLOW)) && polls(pid, TASK_QUEUE_TYPE_ACTIVITY),
      }),
    );
    const ports = await Promise.all(Array.from({ length: options.apis ?? 1 }, () => freePort()));
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    const apis = ports.map((port, i) =>
      childService({
        name: `api${i === 0 ? '' : i + 1}`,
        entry: 'api/server.ts',
        env: { ...env, PORT: String(port), DATABASE_URL: databaseUrlFor(proxies?.api) },
        isReady: async () => (await fetch(`${urls[i]}/readyz`, { signal: AbortSignal.timeout(5_000) })).ok,
      }),
    );
    for (const service of [...workers, ...apis]) cleanups.push(() => service.kill());
    await Promise.all([...workers, ...apis].map((service) => service.start()));

    const signingKey = new TextEncoder().encode(jwtSecret);

    return {
      url: urls[0]!,
      urls,
      taskQueue,
      temporal,
      connection,
      database,
      proxies,
      worker: workers[0]!,
      api: apis[0]!,
      workers,
      apis,
      token: (claims) => signToken(signingKey, claims, '2h'),
      ...stackClient(urls),
      close: cleanUp,
    };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}
