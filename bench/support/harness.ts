// What the end-to-end benchmarks share: a file-backed Temporal dev server on free ports in a temp
// directory, a throwaway Postgres database, the real worker and the real API as child processes
// (as in production, where they compete for the same cores), a worker of trivial workflows for the
// raw baselines, tokens, a concurrency-limited runner, latency percentiles and a small HTTP client.
//
// Child processes rather than in-process: the API and the worker then each have their own event
// loop and heap, like `npm run api` and `npm run worker`, their RSS can be read from /proc, and
// the benchmark's own client load is not charged to either of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { signToken, type Principal } from '../../api/auth';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { REPO_ROOT } from '../../scripts/temporalBinaries';
import { freePort, startTemporalServer, type TemporalServerKind } from './temporalServer';

// --- command line ----------------------------------------------------------------------------

/** `--name value` from the command line (after `npm run bench:x --`), or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
export const numberArg = (name: string, fallback: number) => Number(arg(name, String(fallback)));
export const hasFlag = (name: string) => process.argv.includes(`--${name}`);

// --- statistics and running ------------------------------------------------------------------

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function latencyStats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

export interface RunResult extends LatencyStats {
  wallMs: number;
  /** Operations per second over the whole run. */
  throughput: number;
}

/**
 * Runs `fn(0..count-1)` with at most `concurrency` calls in flight, timing each call and the whole
 * run. The first error stops the run and is rethrown once the calls in flight have settled.
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
): Promise<RunResult> {
  const samples: number[] = new Array(count);
  let next = 0;
  let failure: unknown;
  const started = performance.now();
  const lane = async () => {
    while (failure === undefined && next < count) {
      const i = next++;
      const t0 = performance.now();
      try {
        await fn(i);
      } catch (e) {
        failure ??= e;
        return;
      }
      samples[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  if (failure !== undefined) throw failure;
  const wallMs = performance.now() - started;
  return { ...latencyStats(samples), wallMs, throughput: (count / wallMs) * 1000 };
}

export const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
export const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

/** Prints rows as an aligned table: the first row is the header. */
export function printTable(rows: Array<Array<string | number>>): void {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  for (const [i, r] of cells.entries()) {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** One table row for a timed run. */
export const runRow = (name: string, r: RunResult) => [
  name,
  r.count,
  fmt(r.throughput),
  fmt(r.p50),
  fmt(r.p95),
  fmt(r.p99),
  fmt(r.wallMs / 1000, 2),
];
export const RUN_HEADER = ['', 'n', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'wall s'];

/** Waits until `check` is true, polling; returns the elapsed milliseconds since `since`. */
export async function waitFor(
  check: () => Promise<boolean>,
  { since = performance.now(), timeoutMs = 30 * 60_000, everyMs = 100 } = {},
): Promise<number> {
  for (;;) {
    if (await check()) return performance.now() - since;
    if (performance.now() - since > timeoutMs) throw new Error(`gave up waiting after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// --- HTTP ---------------------------------------------------------------------------------------

/**
 * A lean keep-alive JSON client: node:http rather than fetch, whose per-request overhead in this
 * process would otherwise be charged to the API's side of every ratio.
 */
export class HttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  constructor(readonly base: string) {}

  request(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    retried = false,
  ): Promise<{ status: number; body: any }> {
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.base}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...opts.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
          res.on('error', reject);
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed after its idle timeout (5 s) while this one was
        // being reused: the request never reached it, so send it again once (as Node's docs advise).
        if (req.reusedSocket && e.code === 'ECONNRESET' && !retried) resolve(this.request(method, path, opts, true));
        else reject(e);
      });
      req.end(payload);
    });
  }

  /** The request, or an error naming what came back unless the status is `expected`. */
  async expect(
    expected: number,
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<any> {
    const res = await this.request(method, path, opts);
    if (res.status !== expected)
      throw new Error(`${method} ${path}: ${res.status} (expected ${expected}) ${JSON.stringify(res.body)}`);
    return res.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

// --- processes ---------------------------------------------------------------------------------

export interface ChildHandle {
  name: string;
  pid: number;
  /** The last lines the process printed, for error messages. */
  tail(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * How `npm run <script>` starts a program (package.json: `node <flags> <entry>`), so that a child
 * runs exactly as deployed, heap limit included.
 */
async function deployedCommand(script: 'worker' | 'api'): Promise<{ flags: string[]; entry: string }> {
  const { scripts } = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const [node, ...rest] = String(scripts[script]).trim().split(/\s+/);
  if (node !== 'node' || rest.length === 0) throw new Error(`npm run ${script} is not "node <flags> <entry>"`);
  return { flags: rest.slice(0, -1), entry: rest.at(-1)! };
}

/**
 * Runs a program in its own Node process with the given flags (`--import tsx` among them, so the
 * pid is the program's own, not a launcher's). BENCH_PROFILE=worker,api adds `--cpu-prof` to those
 * children.
 */
function spawnEntry(
  name: string,
  { flags, entry }: { flags: string[]; entry: string },
  env: Record<string, string>,
  profileDir: string,
): ChildHandle {
  const profile = (process.env.BENCH_PROFILE ?? '').split(',').includes(name);
  const nodeArgs = [
    ...flags,
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : []),
    ...(process.env.BENCH_NODE_OPTIONS ? process.env.BENCH_NODE_OPTIONS.split(' ') : []),
    path.join(REPO_ROOT, entry),
  ];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream!.setEncoding('utf8');
    stream!.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) lines.push(line);
      if (lines.length > 40) lines.splice(0, lines.length - 40);
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return {
    name,
    pid: child.pid!,
    tail: () => lines.join('\n'),
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux). */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The pid of the process whose command line contains `needle` (e.g. the dev server's data dir). */
async function findPid(needle: string): Promise<number | undefined> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle) && !cmdline.includes('setpriv')) return Number(entry);
  }
  return undefined;
}

/** Resident set size of a process, from /proc (Linux), in MiB; the peak with `peak`. */
export async function rssMiB(pid: number, peak = false): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = status.match(new RegExp(`^${peak ? 'VmHWM' : 'VmRSS'}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) / 1024 : NaN;
}

// --- the environment -----------------------------------------------------------------------------

export const BENCH_TASK_QUEUE = 'tempered-bench';
export const RAW_TASK_QUEUE = 'tempered-bench-raw';

export interface BenchEnv {
  /** e.g. http://127.0.0.1:PORT/api/v1 */
  http: HttpClient;
  temporal: Client;
  temporalAddress: string;
  /** A small pool on the benchmark's database, for setup and for reading what was written. */
  pool: pg.Pool;
  databaseName: string;
  worker: ChildHandle;
  api: ChildHandle;
  rawWorker?: ChildHandle;
  /** Processes whose CPU time `cpuSnapshot` reads: worker, API, raw worker, Temporal server, this one. */
  processes: Record<string, number>;
  /** With `temporalServer: 'time-skipping'`: the environment that skips the server's time. */
  timeSkipping?: TestWorkflowEnvironment;
  token(principal: Principal): Promise<string>;
  stop(): Promise<void>;
}

export interface BenchEnvOptions {
  /** Also run the worker of trivial workflows (bench/raw/worker.ts) for the raw baselines. */
  rawWorker?: boolean;
  /** The dev server (default), or the Java test server whose clock the benchmark moves. */
  temporalServer?: TemporalServerKind;
  /** Extra environment for the worker and API processes (tuning knobs). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/**
 * Brings everything up in a fresh temp directory and database, and returns what to drive it with.
 * `stop()` takes it all down again and drops the database, whatever state the run ended in.
 */
export async function startBenchEnv(opts: BenchEnvOptions = {}): Promise<BenchEnv> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const stops: Array<() => Promise<unknown>> = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const s of stops.reverse()) await s().catch((e) => console.error('teardown:', e));
    })());
  // Ctrl-C still drops the database and removes the temp directory.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.error(`${signal}: stopping`);
      void stop().finally(() => process.exit(130));
    });
  try {
    const dir = await mkdtemp(path.join(tmpdir(), 'tempered-bench-'));
    stops.push(() => rm(dir, { recursive: true, force: true }));
    // CPU profiles outlive the run (the temp directory does not).
    const profileDir = process.env.BENCH_PROFILE ? path.join(REPO_ROOT, '.tmp', 'bench-profiles') : dir;
    await mkdir(profileDir, { recursive: true });

    // Postgres: a throwaway database next to the one DATABASE_URL names.
    const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const databaseName = `tempered_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    stops.push(async () => {
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    });
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    const databaseUrl = url.toString();

    // Temporal: a server of our own (bench/support/temporalServer.ts), the dev server unless asked.
    const started = performance.now();
    const server = await startTemporalServer(opts.temporalServer ?? 'dev', dir);
    stops.push(() => server.stop());
    const connection = await Connection.connect({ address: server.address });
    stops.push(() => connection.close());
    const temporal = new Client({ connection, namespace: 'default' });
    log(
      `${opts.temporalServer ?? 'dev'} server ${server.address} up in ${fmt((performance.now() - started) / 1000)} s`,
    );

    const secret = randomBytes(32).toString('base64url');
    const apiPort = await freePort();
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: BENCH_TASK_QUEUE,
      DATA_DIR: path.join(dir, 'data'),
      JWT_SECRET: secret,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      // Request logs to a pipe nobody reads would only cost CPU; errors still come through.
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      RATE_LIMIT_PER_MINUTE: String(100_000_000),
      ...opts.env,
    };

    // The worker migrates the database before it polls (under an advisory lock), so it goes first.
    const workerCommand = await deployedCommand('worker');
    const worker = spawnEntry('worker', workerCommand, env, profileDir);
    stops.push(() => worker.stop());
    await waitForPollers(temporal, BENCH_TASK_QUEUE, worker, databaseUrl);
    // The raw baselines' worker runs under the same Node flags as ours.
    const rawWorker = opts.rawWorker
      ? spawnEntry(
          'raw-worker',
          { flags: workerCommand.flags, entry: 'bench/raw/worker.ts' },
          { ...env, TEMPORAL_TASK_QUEUE: RAW_TASK_QUEUE },
          profileDir,
        )
      : undefined;
    if (rawWorker) stops.push(() => rawWorker.stop());
    const api = spawnEntry('api', await deployedCommand('api'), env, profileDir);
    stops.push(() => api.stop());
    const http = new HttpClient(`http://127.0.0.1:${apiPort}/api/v1`);
    stops.push(async () => http.close());
    await waitForApi(http, api);
    if (rawWorker) await waitForPollers(temporal, RAW_TASK_QUEUE, rawWorker, databaseUrl);
    log(`worker (pid ${worker.pid}), API (pid ${api.pid}) up in ${fmt((performance.now() - started) / 1000)} s`);

    const temporalPid = await findPid(server.pidNeedle);
    const processes: Record<string, number> = {
      temporal: temporalPid ?? 0,
      worker: worker.pid,
      api: api.pid,
      ...(rawWorker ? { 'raw worker': rawWorker.pid } : {}),
      bench: process.pid,
    };
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    stops.push(() => pool.end());
    const key = new TextEncoder().encode(secret);
    return {
      http,
      temporal,
      temporalAddress: server.address,
      pool,
      databaseName,
      worker,
      api,
      rawWorker,
      processes,
      timeSkipping: server.timeSkipping,
      token: (principal) => signToken(key, principal, '6h'),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function failIfExited(child: ChildHandle): Promise<void> {
  const code = await Promise.race([child.exited, new Promise((r) => setTimeout(r, 0, 'running'))]);
  if (code !== 'running') throw new Error(`${child.name} exited (code ${code}) during start-up:\n${child.tail()}`);
}

/** A worker is up once the server sees it polling its task queue (bundling takes a few seconds). */
async function waitForPollers(
  temporal: Client,
  taskQueue: string,
  child: ChildHandle,
  databaseUrl: string,
): Promise<void> {
  await waitFor(
    async () => {
      await failIfExited(child);
      try {
        const { pollers } = await temporal.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: taskQueue },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        });
        return (pollers?.length ?? 0) > 0;
      } catch (e) {
        // The Java test server cannot describe a task queue: settle for the worker having migrated
        // the database (it polls right after); the first request then waits for its poller.
        if ((e as { code?: number }).code !== 12 /* UNIMPLEMENTED */) throw e;
        return migrated(databaseUrl);
      }
    },
    { timeoutMs: 120_000, everyMs: 250 },
  );
}

/** Whether every migration in db/migrations has been applied (drizzle's journal against its table). */
async function migrated(databaseUrl: string): Promise<boolean> {
  const journal = JSON.parse(await readFile(path.join(REPO_ROOT, 'db/migrations/meta/_journal.json'), 'utf8'));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client
      .query(`select count(*)::int as n from drizzle.__drizzle_migrations`)
      .catch(() => ({ rows: [{ n: -1 }] }));
    return rows[0].n >= journal.entries.length;
  } finally {
    await client.end();
  }
}

async function waitForApi(client: HttpClient, child: ChildHandle): Promise<void> {
  await waitFor(
    async () => {
      await failIfExited(child);
      return client
        .request('GET', '/readyz')
        .then((r) => r.status === 200)
        .catch(() => false);
    },
    { timeoutMs: 120_000, everyMs: 250 },
  );
}

/** CPU milliseconds used by each of `processes` so far; subtract two snapshots for a phase. */
export async function cpuSnapshot(processes: Record<string, number>): Promise<Record<string, number>> {
  const entries = await Promise.all(Object.entries(processes).map(async ([k, pid]) => [k, await cpuMs(pid)] as const));
  return Object.fromEntries(entries);
}

/**
 * CPU milliseconds used so far by each Postgres backend working on the benchmark's database, and
 * whether it is an autovacuum worker (whose work follows earlier writes, not the requests timed).
 */
async function postgresBackends(
  env: Pick<BenchEnv, 'pool' | 'databaseName'>,
): Promise<Map<number, { ms: number; autovacuum: boolean }>> {
  const { rows } = await env.pool.query<{ pid: number; backend_type: string }>(
    'select pid, backend_type from pg_stat_activity where datname = $1',
    [env.databaseName],
  );
  return new Map(
    await Promise.all(
      rows.map(
        async ({ pid, backend_type }) =>
          [pid, { ms: await cpuMs(pid), autovacuum: backend_type.startsWith('autovacuum') }] as const,
      ),
    ),
  );
}

/** The CPU columns `withCpu` fills: the benchmark's processes, Postgres's backends, its autovacuum. */
export const cpuColumns = (env: Pick<BenchEnv, 'processes'>) => [
  ...Object.keys(env.processes),
  'postgres',
  'autovacuum',
];

/**
 * Runs a phase and notes how much CPU each process spent on it, per operation: with the machine's
 * two cores shared, this shows which process a phase's time goes to. `postgres` sums the backends
 * of the benchmark's database (Postgres runs on this machine too), `autovacuum` its autovacuum
 * workers.
 */
export async function withCpu<T extends { count: number }>(
  env: Pick<BenchEnv, 'processes' | 'pool' | 'databaseName'>,
  run: () => Promise<T>,
): Promise<T & { cpuPerOp: Record<string, number> }> {
  const [before, pgBefore] = await Promise.all([cpuSnapshot(env.processes), postgresBackends(env)]);
  const result = await run();
  const [after, pgAfter] = await Promise.all([cpuSnapshot(env.processes), postgresBackends(env)]);
  const backends = { postgres: 0, autovacuum: 0 };
  for (const [pid, { ms, autovacuum }] of pgAfter) {
    if (Number.isFinite(ms)) backends[autovacuum ? 'autovacuum' : 'postgres'] += ms - (pgBefore.get(pid)?.ms ?? 0);
  }
  const cpuPerOp = Object.fromEntries([
    ...Object.keys(env.processes).map((k) => [k, (after[k]! - before[k]!) / result.count] as const),
    ['postgres', backends.postgres / result.count] as const,
    ['autovacuum', backends.autovacuum / result.count] as const,
  ]);
  return { ...result, cpuPerOp };
}

// --- data -----------------------------------------------------------------------------------------

export { makeUscc } from '../../test/support/fixtures';

/** Registers enterprises straight in the table (setup, not measured): `newBusinessModel` ones too. */
export async function insertEnterprises(
  pool: pg.Pool,
  ids: string[],
  opts: { newBusinessModel?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < ids.length; i += 10_000) {
    const batch = ids.slice(i, i + 10_000);
    await pool.query(
      `insert into enterprises (id, name, kind, new_business_model, industry, created_by)
       select id, '基准企业' || id, 'legal_person', $2, '平台经济', 'bench' from unnest($1::text[]) as id
       on conflict do nothing`,
      [batch, opts.newBusinessModel ?? false],
    );
  }
}

/** Runs `main`, printing a failure and setting the exit code; always exits (gRPC keeps handles open). */
export function runBenchmark(main: () => Promise<void>): void {
  main()
    .then(() => process.exit(process.exitCode ?? 0))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
