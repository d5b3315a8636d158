// Runs the Temporal dev server (`temporal server start-dev`) with a persistent SQLite file in the
// data directory, for `npm start` and for tests that need visibility (search attributes, listing).
//
// Search attributes: the CLI registers `--search-attribute` only for namespaces it *creates* in that
// run. Over an existing SQLite file (second start) the flags are silently ignored, so an attribute
// added to workflows/searchAttributes.ts later would never be registered, and a type change would go
// unnoticed. So after the server is up we compare the namespace's attributes with
// `searchAttributeKeys`, add what is missing through the operator service, and fail on a type clash.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { searchAttributeKeys } from '../workflows/searchAttributes';
import { outputTail } from './outputTail';
import { describeBinary, resolveDevServer, type ResolvedBinary, type ResolveOptions } from './temporalBinaries';

export interface DevServerOptions {
  /** Directory for `temporal.sqlite` (created if missing). */
  dataDir: string;
  /** Frontend gRPC port. */
  port: number;
  /** Web UI port. */
  uiPort: number;
  namespace: string;
  /** Receives the server's output lines and our progress lines. Default: discarded (kept for errors). */
  log?: (line: string) => void;
  /** Search attributes to register. Default: `searchAttributeKeys` from workflows/searchAttributes. */
  searchAttributes?: readonly SearchAttributeKey<SearchAttributeType>[];
  /** Already resolved CLI; default: `resolveDevServer(resolveOptions)`. */
  binary?: ResolvedBinary;
  resolveOptions?: ResolveOptions;
  /** How long to wait for the frontend to answer. Default 60 s. */
  readyTimeoutMs?: number;
  /**
   * 'spawn' (default for a local CLI): run the CLI as our child process. 'sdk': let
   * `TestWorkflowEnvironment.createLocal` run it (always the case for the SDK download).
   */
  launcher?: 'spawn' | 'sdk';
  /** More CLI arguments, e.g. `['--sqlite-pragma', 'journal_mode=wal']` (benchmarks). */
  extraArgs?: string[];
}

export interface DevServer {
  /** host:port of the frontend, for `Connection.connect({ address })`. */
  address: string;
  uiUrl: string;
  /** Where the CLI came from. */
  binary: ResolvedBinary;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period). Idempotent. */
  stop(): Promise<void>;
  /**
   * Settles when the server has exited, stopped or not (how: its exit code or signal). The SDK's
   * launcher runs it inside the core bridge and tells nothing of it: never settles then.
   */
  exited: Promise<string>;
}

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 10_000;
const OUTPUT_TAIL_LINES = 40;

/** The CLI's names for `--search-attribute Name=Type`. */
const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

export function searchAttributeArgs(keys: readonly SearchAttributeKey<SearchAttributeType>[]): string[] {
  return keys.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE_NAMES[key.type]}`]);
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const log = opts.log ?? (() => undefined);
  const keys = opts.searchAttributes ?? searchAttributeKeys;
  const binary = opts.binary ?? (await resolveDevServer(opts.resolveOptions));
  const dataDir = path.resolve(opts.dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const dbFilename = path.join(dataDir, 'temporal.sqlite');

  await assertPortFree(opts.port, 'TEMPORAL_DEV_PORT (gRPC)');
  await assertPortFree(opts.uiPort, 'TEMPORAL_UI_PORT (Web UI)');

  if (binary.executable.type === 'cached-download' || opts.launcher === 'sdk') {
    return startWithSdk(opts, binary, dbFilename, keys, log);
  }
  return startCli(opts, binary, binary.executable.path, dbFilename, keys, log);
}

async function startCli(
  opts: DevServerOptions,
  binary: ResolvedBinary,
  cliPath: string,
  dbFilename: string,
  keys: readonly SearchAttributeKey<SearchAttributeType>[],
  log: (line: string) => void,
): Promise<DevServer> {
  const address = `${HOST}:${opts.port}`;
  const uiUrl = `http://${HOST}:${opts.uiPort}`;
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    dbFilename,
    '--ip',
    HOST,
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    // "default" always exists; naming it again is redundant.
    ...(opts.namespace === 'default' ? [] : ['--namespace', opts.namespace]),
    '--log-level',
    'warn',
    ...searchAttributeArgs(keys),
    ...(opts.extraArgs ?? []),
  ];

  // On Linux, `setpriv --pdeathsig` makes the kernel send SIGTERM to the server when this process
  // dies in any way (even SIGKILL), which no 'exit' handler can cover. setpriv execs the CLI, so the
  // pid is the server's.
  const setpriv = process.platform === 'linux' ? await findSetpriv() : undefined;
  const [command, commandArgs] = setpriv ? [setpriv, ['--pdeathsig', 'TERM', '--', cliPath, ...args]] : [cliPath, args];

  log(`Starting Temporal dev server: ${describeBinary(binary)} ${args.join(' ')}`);
  const started = Date.now();
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });

  // The CLI logs a burst of connection warnings while it shuts down: keep them out of the log.
  let quiet = false;
  const output = outputTail(OUTPUT_TAIL_LINES, { onLine: (line) => quiet || log(line) });
  const tail = output.lines;
  output.follow(child.stdout);
  output.follow(child.stderr);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    process.off('exit', killOnParentExit);
  });
  // Normal exits, process.exit(), uncaught exceptions: ask the server to shut down (it finishes on
  // its own; SIGTERM lets SQLite close cleanly).
  function killOnParentExit(): void {
    if (!hasExited) child.kill('SIGTERM');
  }
  process.on('exit', killOnParentExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    quiet = true;
    stopping ??= stopChild(child, exited, () => hasExited);
    return stopping;
  };

  const earlyExitMessage = (how: { code: number | null; signal: NodeJS.Signals | null; error?: Error }) =>
    [
      how.error
        ? `Temporal dev server could not be started (${how.error.message}).`
        : `Temporal dev server exited during startup (code ${how.code}, signal ${how.signal}).`,
      `Command: ${cliPath} ${args.join(' ')}`,
      tail.length > 0 ? `Last output:\n${tail.join('\n')}` : 'It printed nothing.',
    ].join('\n');

  try {
    const connection = await waitUntilReady({
      address,
      namespace: opts.namespace,
      timeoutMs: opts.readyTimeoutMs ?? 60_000,
      // 'exit' can come before the last output is read: give the pipes a moment to drain.
      exited: exited.then(async (how) => {
        if (child.stdout && !child.stdout.readableEnded) {
          await Promise.race([new Promise((r) => child.once('close', r)), new Promise((r) => setTimeout(r, 500))]);
        }
        return earlyExitMessage(how);
      }),
      describeTail: () => tail.join('\n'),
    });
    try {
      await reconcileSearchAttributes(connection, opts.namespace, keys, dbFilename, log);
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  log(`Temporal dev server ready at ${address} (UI ${uiUrl}) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const how = exited.then(
    ({ code, signal, error }) => error?.message ?? (signal ? `signal ${signal}` : `code ${code}`),
  );
  return { address, uiUrl, binary, stop, exited: how };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, hasExited: () => boolean): Promise<void> {
  if (hasExited()) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS);
  });
  const outcome = await Promise.race([exited, graceOver]);
  clearTimeout(timer);
  if (outcome === 'timeout' && !hasExited()) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function waitUntilReady(args: {
  address: string;
  namespace: string;
  timeoutMs: number;
  /** Resolves with an error message if the process exits. */
  exited: Promise<string>;
  describeTail: () => string;
}): Promise<Connection> {
  const deadline = Date.now() + args.timeoutMs;
  let exitMessage: string | undefined;
  void args.exited.then((m) => {
    exitMessage = m;
  });
  const [host, portText] = args.address.split(':') as [string, string];
  let lastError: unknown;
  let connection: Connection | undefined;
  try {
    for (;;) {
      if (exitMessage !== undefined) throw new Error(exitMessage);
      try {
        // Plain TCP first: gRPC's reconnect backoff would otherwise slow down the first connect.
        if (!connection) {
          await tcpProbe(host, Number(portText));
          connection = await Connection.connect({ address: args.address, connectTimeout: '5s' });
        }
        await connection.workflowService.describeNamespace({ namespace: args.namespace });
        const ready = connection;
        connection = undefined;
        return ready;
      } catch (err) {
        lastError = err;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Temporal dev server at ${args.address} did not answer within ${args.timeoutMs / 1000}s ` +
            `(last error: ${(lastError as Error | undefined)?.message ?? 'none'}).\nLast output:\n${args.describeTail()}`,
        );
      }
      await Promise.race([new Promise((r) => setTimeout(r, 200)), args.exited]);
    }
  } finally {
    await connection?.close();
  }
}

function tcpProbe(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`timeout connecting to ${host}:${port}`));
    });
    socket.once('error', (err) => {
      socket.destroy();
      reject(err);
    });
  });
}

function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `Port ${port} on ${HOST} is already in use (${what}). Another Temporal dev server or ` +
                `\`npm start\` may be running: stop it, choose another port, or set TEMPORAL_ADDRESS to use an existing server.`
            : `Cannot use port ${port} on ${HOST} (${what}): ${err.message}`,
        ),
      );
    });
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

let setprivLookup: Promise<string | undefined> | undefined;

/** setpriv from util-linux, if it exists and knows --pdeathsig (util-linux 2.33+). */
function findSetpriv(): Promise<string | undefined> {
  setprivLookup ??= (async () => {
    for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
      try {
        await fs.access(candidate, fsConstants.X_OK);
      } catch {
        continue;
      }
      const help = await new Promise<string>((resolve) => {
        execFile(candidate, ['--help'], { timeout: 5000 }, (_err, stdout) => resolve(String(stdout)));
      });
      if (help.includes('--pdeathsig')) return candidate;
    }
    return undefined;
  })();
  return setprivLookup;
}

function typeNameOf(indexedValueType: unknown): string {
  for (const type of Object.values(SearchAttributeType)) {
    if (encodeSearchAttributeIndexedValueType(type) === indexedValueType) return CLI_TYPE_NAMES[type];
  }
  return `type #${String(indexedValueType)}`;
}

/** Adds missing custom search attributes to the namespace; throws on a type clash. */
export async function reconcileSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly SearchAttributeKey<SearchAttributeType>[],
  dbFilename: string,
  log: (line: string) => void,
): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const registered = customAttributes ?? {};
  const missing: Record<string, NonNullable<ReturnType<typeof encodeSearchAttributeIndexedValueType>>> = {};
  const clashes: string[] = [];
  for (const key of keys) {
    const wanted = encodeSearchAttributeIndexedValueType(key.type);
    if (wanted === undefined) throw new Error(`Unknown search attribute type ${key.type} for ${key.name}`);
    const existing = registered[key.name];
    if (existing === undefined || existing === null) missing[key.name] = wanted;
    else if (existing !== wanted) {
      clashes.push(
        `${key.name} is registered as ${typeNameOf(existing)} but the code declares ${CLI_TYPE_NAMES[key.type]}`,
      );
    }
  }
  if (clashes.length > 0) {
    throw new Error(
      `Search attributes in namespace "${namespace}" do not match workflows/searchAttributes.ts: ${clashes.join('; ')}. ` +
        `A search attribute's type cannot be changed in place: give it a new name, or (development data only) ` +
        `stop the server and delete ${dbFilename}.`,
    );
  }
  const names = Object.keys(missing);
  if (names.length > 0) {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
    log(`Registered search attributes in namespace "${namespace}": ${names.join(', ')}`);
  }
}

/** Fallback without a local CLI: the SDK downloads the CLI and runs it through the core bridge. */
async function startWithSdk(
  opts: DevServerOptions,
  binary: ResolvedBinary,
  dbFilename: string,
  keys: readonly SearchAttributeKey<SearchAttributeType>[],
  log: (line: string) => void,
): Promise<DevServer> {
  // Loaded lazily: it loads the native core bridge and creates the process-wide Runtime.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  log(`Starting Temporal dev server through the SDK (${binary.origin})`);
  const started = Date.now();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: binary.executable,
      dbFilename,
      ip: HOST,
      port: opts.port,
      ui: true,
      uiPort: opts.uiPort,
      namespace: opts.namespace,
      searchAttributes: [...keys],
    },
  }).catch((err: unknown) => {
    const hint =
      binary.executable.type === 'cached-download'
        ? '\nNo local Temporal CLI was found, so the SDK tried to download one. Run `npm run temporal:ensure` for the options.'
        : '';
    throw new Error(`Could not start the Temporal dev server through the SDK: ${(err as Error).message}${hint}`, {
      cause: err,
    });
  });
  try {
    await reconcileSearchAttributes(env.connection, opts.namespace, keys, dbFilename, log);
  } catch (err) {
    await env.teardown();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  log(`Temporal dev server ready at ${env.address} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return {
    address: env.address,
    uiUrl: `http://${HOST}:${opts.uiPort}`,
    binary,
    stop: () => (stopping ??= env.teardown()),
    exited: new Promise<never>(() => undefined),
  };
}
