// Load for the reliability tests: a bound on requests in flight, a count of finished steps that
// chaos can wait on ("kill the worker after 40 steps"), and a runner sending keyed steps with both.
import type { Outcome, RequestOptions, StackClient } from './stackClient';

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

/** One request of a load: what it is, which case it acts on, and how it ended. */
export interface LoadStep<Kind extends string = string> {
  /** Its Idempotency-Key. */
  key: string;
  kind: Kind;
  caseIndex: number;
  /** What the step writes into the case (a description, note or reasons), unique per step. */
  text: string;
  outcome?: Outcome;
}

/**
 * Sends steps as keyed POSTs, retried until answered, at most `concurrency` at once; each refusal
 * (a status of 300 or more) fails the load. `counted` says which finished steps `counter` counts.
 */
export function loadRunner<S extends LoadStep>(
  client: Pick<StackClient, 'send'>,
  concurrency: number,
  counted: (step: S) => boolean = () => true,
) {
  const steps: S[] = [];
  const counter = stepCounter();
  const slot = limiter(concurrency);
  return {
    steps,
    counter,
    async run(step: S, pathname: string, options: Omit<RequestOptions, 'idempotencyKey'>): Promise<Outcome> {
      steps.push(step);
      step.outcome = await slot(() => client.send(pathname, { ...options, idempotencyKey: step.key }));
      if (step.outcome.status >= 300) {
        throw new Error(`${step.key} was refused: ${step.outcome.status} ${JSON.stringify(step.outcome.body)}`);
      }
      if (counted(step)) counter.finished();
      return step.outcome;
    },
  };
}
