// The whole service as it is deployed, for the reliability tests: a Temporal dev server on a SQLite
// file (so it can be stopped and started again on the same state), a throwaway Postgres database,
// and the worker and the API as child processes from their real entry points, configured only
// through the environment. Optionally the services reach the database through TCP proxies (one
// each) that the test can cut. Also: tokens signed with the services' key, and an HTTP client that retries a
// keyed POST the way a careful client would.
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
import { childService, freePort, sleep, type ChildService } from './processes';
import { startTcpProxy, type TcpProxy } from './tcpProxy';

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
  /** The worker and the API each reach Postgres through a TCP proxy the test can cut (`stack.proxies`). */
  proxyDatabase?: boolean;
}

export interface ApiResponse {
  status: number;
  body: any;
}

export interface RequestOptions {
  token: string;
  /** JSON body. */
  body?: unknown;
  /** Multipart body instead (evidence upload). */
  form?: () => FormData;
  idempotencyKey?: string;
  /** Per attempt; default 60 s. */
  timeoutMs?: number;
}

/** What happened to one request across its attempts. */
export interface Outcome extends ApiResponse {
  attempts: number;
  /** Why earlier attempts did not count: "network: ...", "503 DEPENDENCY_UNAVAILABLE", ... */
  retried: string[];
}

export interface Stack {
  /** The API's base URL, e.g. http://127.0.0.1:4567 (stays the same across API restarts). */
  url: string;
  taskQueue: string;
  temporal: RestartableTemporal;
  /** A connection of the test's own, for describing task queues and reading histories. */
  connection: Connection;
  /** Direct connection to the database, for assertions (never through the proxy). */
  database: DatabaseHandle;
  /** With `proxyDatabase`: the way of each service to Postgres. */
  proxies?: { worker: TcpProxy; api: TcpProxy };
  worker: ChildService;
  api: ChildService;
  /** A token the services accept. */
  token(claims: Principal): Promise<string>;
  /** One attempt; network failures and timeouts come back as status 0. */
  call(method: string, pathname: string, options: RequestOptions): Promise<ApiResponse>;
  /**
   * A POST retried with the same Idempotency-Key until it gets an answer that is not a failure on
   * the service's side: network errors, timeouts, 5xx and 409 IDEMPOTENCY_IN_PROGRESS are retried.
   */
  send(pathname: string, options: RequestOptions & { idempotencyKey: string }, deadlineMs?: number): Promise<Outcome>;
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
    const apiPort = await freePort();
    const jwtSecret = randomBytes(32).toString('hex');
    const env = {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      JWT_SECRET: jwtSecret,
      PAYLOAD_KEYS: `reliability:${randomBytes(32).toString('base64')}`,
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
    };
    const url = `http://127.0.0.1:${apiPort}`;

    const identity = (pid: number) => `${pid}@${os.hostname()}`;
    const polls = async (pid: number, taskQueueType: number) => {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
        taskQueueType,
      });
      return (pollers ?? []).some((p) => p.identity === identity(pid));
    };
    const worker = childService({
      name: 'worker',
      entry: 'worker/main.ts',
      env: { ...env, DATABASE_URL: databaseUrlFor(proxies?.worker) },
      // Ready once Temporal has seen this very process poll for both kinds of task.
      isReady: async (pid) => (await polls(pid, TASK_QUEUE_TYPE_WORKFLOW)) && polls(pid, TASK_QUEUE_TYPE_ACTIVITY),
    });
    cleanups.push(() => worker.kill());
    const api = childService({
      name: 'api',
      entry: 'api/server.ts',
      env: { ...env, DATABASE_URL: databaseUrlFor(proxies?.api) },
      isReady: async () => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) })).ok,
    });
    cleanups.push(() => api.kill());
    await Promise.all([worker.start(), api.start()]);

    const signingKey = new TextEncoder().encode(jwtSecret);

    const call = async (method: string, pathname: string, opts: RequestOptions): Promise<ApiResponse> => {
      const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
      if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
      let body: string | FormData | undefined;
      if (opts.form) body = opts.form();
      else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] = 'application/json';
      }
      try {
        const res = await fetch(`${url}${pathname}`, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
        });
        const text = await res.text();
        const json = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
        return { status: res.status, body: json ? JSON.parse(text) : text };
      } catch (e) {
        const cause = (e as Error).cause as Error | undefined;
        return { status: 0, body: `${(e as Error).message}${cause ? `: ${cause.message}` : ''}` };
      }
    };

    const send: Stack['send'] = async (pathname, opts, deadlineMs = 240_000) => {
      const deadline = Date.now() + deadlineMs;
      const retried: string[] = [];
      for (let attempt = 1; ; attempt++) {
        const res = await call('POST', pathname, opts);
        const code: string | undefined = res.body?.error?.code;
        const retry = res.status === 0 || res.status >= 500 || code === 'IDEMPOTENCY_IN_PROGRESS';
        if (!retry) return { ...res, attempts: attempt, retried };
        retried.push(res.status === 0 ? `network: ${res.body}` : `${res.status} ${code ?? ''}`.trim());
        if (Date.now() > deadline) {
          throw new Error(`POST ${pathname} (key ${opts.idempotencyKey}) got no answer in time: ${retried.join('; ')}`);
        }
        await sleep(Math.min(250 * attempt, 2_000));
      }
    };

    return {
      url,
      taskQueue,
      temporal,
      connection,
      database,
      proxies,
      worker,
      api,
      token: (claims) => signToken(signingKey, claims, '2h'),
      call,
      send,
      close: cleanUp,
    };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}
