// Load for the reliability tests: a bound on requests in flight, and a count of finished steps
// that chaos can wait on ("kill the worker after 40 steps").

/** At most `limit` of the calls given to the returned function run at once. */
export function limiter(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Finished steps, counted; `reached(n)` resolves once `n` have finished. */
export function stepCounter() {
  let done = 0;
  const waiters: Array<{ after: number; resolve: () => void }> = [];
  return {
    get done() {
      return done;
    },
    finished() {
      done++;
      for (const waiter of waiters.filter((w) => done >= w.after)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    reached: (after: number) =>
      done >= after ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ after, resolve })),
  };
}
