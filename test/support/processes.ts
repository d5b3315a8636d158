// Child processes for tests that break things on purpose: the real entry points (`tsx api/server.ts`,
// `tsx worker/main.ts`) run in process groups of their own, so that a SIGKILL takes the whole
// group down at once, exactly as a crash would, and nothing is left behind. Each start waits until
// the service says it is ready; every process started here is killed when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { outputTail } from '../../scripts/outputTail';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

const OUTPUT_TAIL_LINES = 60;

export interface ChildServiceSpec {
  /** For messages: "worker", "api". */
  name: string;
  /** Entry point relative to the repository, run with the tsx loader. */
  entry: string;
  /** Added to this process's environment. */
  env: Record<string, string>;
  /** Resolves once the started process (with this pid) serves; polled until it does. */
  isReady(pid: number): Promise<boolean>;
  readyTimeoutMs?: number;
}

export interface ChildService {
  readonly name: string;
  /** The running process's pid; undefined while stopped. */
  readonly pid: number | undefined;
  /** How many times the service was started. */
  readonly starts: number;
  /** The last run's exit code: null while running or when it died by a signal. */
  readonly exitCode: number | null;
  /** Spawns the process and waits until it is ready. */
  start(): Promise<void>;
  /** Sends `signal` to the whole process group and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Settles when the process has exited (at once when it is not running). */
  exited(): Promise<void>;
  /** The last lines the service printed (both streams), for failure messages. */
  output(): string;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** On Linux, the kernel kills the child when this process dies, even by SIGKILL. */
const SETPRIV = ((): string | undefined => {
  if (process.platform !== 'linux') return undefined;
  try {
    accessSync('/usr/bin/setpriv', fsConstants.X_OK);
    return '/usr/bin/setpriv';
  } catch {
    return undefined;
  }
})();

export function childService(spec: ChildServiceSpec): ChildService {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let starts = 0;
  const output = outputTail(OUTPUT_TAIL_LINES, {
    label: () => `[${spec.name}#${starts}]`,
    onLine: (line) => process.env.RELIABILITY_VERBOSE && console.log(line),
  });
  const collect = (stream: NodeJS.ReadableStream | null) => output.follow(stream);
  const tail = output.lines;

  const service: ChildService = {
    name: spec.name,
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    get starts() {
      return starts;
    },
    get exitCode() {
      return child?.exitCode ?? null;
    },
    async start() {
      if (service.pid !== undefined) throw new Error(`${spec.name} is already running`);
      starts++;
      // `node --import tsx` is what the tsx CLI runs, minus its wrapper process: the pid is the
      // service's own, which is also its Temporal worker identity (pid@host).
      const args = ['--import', 'tsx', path.join(REPO_ROOT, spec.entry)];
      const [command, commandArgs] = SETPRIV
        ? [SETPRIV, ['--pdeathsig', 'KILL', '--', process.execPath, ...args]]
        : [process.execPath, args];
      const started = spawn(command, commandArgs, {
        cwd: REPO_ROOT,
        env: { ...process.env, ...spec.env },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      running.add(started);
      collect(started.stdout);
      collect(started.stderr);
      exited = new Promise((resolve) => {
        started.once('exit', () => {
          running.delete(started);
          resolve();
        });
        started.once('error', () => {
          running.delete(started);
          resolve();
        });
      });
      const pid = started.pid;
      const deadline = Date.now() + (spec.readyTimeoutMs ?? 120_000);
      for (;;) {
        if (pid === undefined || service.pid !== pid) {
          throw new Error(`${spec.name} exited during start-up:\n${service.output()}`);
        }
        if (await spec.isReady(pid).catch(() => false)) return;
        if (Date.now() > deadline) {
          await service.kill();
          throw new Error(
            `${spec.name} was not ready within ${spec.readyTimeoutMs ?? 120_000} ms:\n${service.output()}`,
          );
        }
        await sleep(250);
      }
    },
    async kill(signal = 'SIGKILL') {
      if (child) signalGroup(child, signal);
      await exited;
    },
    exited: () => exited,
    output: () => tail.join('\n'),
  };
  return service;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 60_000, intervalMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
