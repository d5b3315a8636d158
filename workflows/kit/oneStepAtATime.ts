// Steps of one case take turns. A step handler may await (record its change, start a child case,
// tell other workflows) before it is done; without turns, a second step arriving meanwhile passes
// its validator against the state the first has not changed yet, and both take effect (two
// closures, two credit-file entries). So every step, timer milestone and signal of a case runs
// behind one FIFO lock, and a step re-checks its guard once its turn comes: five identical requests
// at once give one effect and four refusals. Temporal's safe-message-handlers sample serialises
// handlers the same way.
//
// A step whose change cannot be recorded for good (a non-retryable failure, e.g. data Postgres
// refuses) is undone: the case's state returns to what it was before the step, and the caller gets
// the failure as a refusal instead of a case half changed in memory and never recorded.
import { ActivityFailure, ApplicationFailure, TemporalFailure } from '@temporalio/workflow';

export type Exclusive = <T>(fn: () => Promise<T>) => Promise<T>;

/** Runs each function once every function queued before it has settled (deterministic: plain promises). */
export function turns(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const turn = tail.then(fn);
    tail = turn.catch(() => undefined);
    return turn;
  };
}

/** Runs at once, as steps ran before turns were introduced (histories recorded then replay on it). */
export const atOnce: Exclusive = (fn) => fn();

/**
 * Runs `act` on `state`, undoing every change it made if it fails with a Temporal failure (a refusal,
 * or a recording that failed for good). Other errors are bugs: they fail the workflow task, and the
 * retried task rebuilds the state from history anyway.
 */
export async function undoneOnFailure<T>(state: object, act: () => Promise<T>): Promise<T> {
  // The state is plain data (it travels through continue-as-new as JSON), so JSON is a faithful copy.
  const before = JSON.stringify(state);
  try {
    return await act();
  } catch (e) {
    if (!(e instanceof TemporalFailure)) throw e;
    const target = state as Record<string, unknown>;
    for (const key of Object.keys(target)) delete target[key];
    Object.assign(target, JSON.parse(before));
    throw asRefusal(e);
  }
}

/** An update fails with an ApplicationFailure the API maps by its type; an activity's own is unwrapped. */
function asRefusal(e: TemporalFailure): ApplicationFailure {
  if (e instanceof ApplicationFailure) return e;
  const cause = e instanceof ActivityFailure ? e.cause : undefined;
  return ApplicationFailure.create({
    type: cause instanceof ApplicationFailure ? (cause.type ?? 'STEP_FAILED') : 'STEP_FAILED',
    message: cause?.message ?? e.message,
    details: cause instanceof ApplicationFailure ? (cause.details ?? []) : [],
    nonRetryable: true,
  });
}
