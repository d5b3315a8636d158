// Keeps a child server of `npm start` running (the embedded Temporal dev server): when it dies, it
// is started again after a pause that doubles each time (1 s, 2 s, 4 s ... at most 30 s), at most
// `maxRestarts` times in RESTART_WINDOW_MS. Past that the caller is told to give up, and `npm start`
// exits non-zero so that whatever supervises it (systemd, a container runtime) takes over.

/** What is supervised: something that settles `exited` when it dies, and can be stopped. */
export interface Child {
  exited: Promise<string>;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** Restarts allowed within RESTART_WINDOW_MS; 0 gives up at the first death. */
  maxRestarts: number;
  /** The child died (why); it is down until `onUp`. */
  onDown(why: string): void;
  /** A restarted child is up again. */
  onUp(): void;
  /** No more restarts: the child stays down. */
  onGiveUp(why: string): void;
  log(line: string): void;
}

export const RESTART_WINDOW_MS = 10 * 60_000;
const MAX_PAUSE_MS = 30_000;

export interface Supervision {
  /** Stops the child for good: no restart follows. */
  stop(): Promise<void>;
}

export function supervise(
  name: string,
  start: () => Promise<Child>,
  first: Child,
  opts: SupervisorOptions,
): Supervision {
  let child = first;
  let stopping = false;
  let wake: (() => void) | undefined;
  const restarts: number[] = [];

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function recover(why: string): Promise<void> {
    opts.onDown(`${name} exited (${why})`);
    for (let attempt = 1; !stopping; attempt++) {
      const now = Date.now();
      while (restarts.length > 0 && restarts[0]! <= now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= opts.maxRestarts) {
        opts.onGiveUp(
          `${name} died ${restarts.length + 1} times within ${RESTART_WINDOW_MS / 60_000} minutes (last: ${why})`,
        );
        return;
      }
      restarts.push(now);
      const ms = Math.min(1_000 * 2 ** (attempt - 1), MAX_PAUSE_MS);
      opts.log(`Restarting ${name} in ${ms / 1000} s (restart ${restarts.length} of at most ${opts.maxRestarts})`);
      await pause(ms);
      if (stopping) return;
      try {
        watch(await start());
        opts.onUp();
        return;
      } catch (e) {
        why = (e as Error).message;
        opts.log(`Restarting ${name} failed: ${why}`);
      }
    }
  }

  function watch(next: Child): void {
    child = next;
    void next.exited.then((why) => {
      if (!stopping && child === next) void recover(why);
    });
  }

  watch(first);
  return {
    async stop() {
      stopping = true;
      wake?.();
      await child.stop();
    },
  };
}
