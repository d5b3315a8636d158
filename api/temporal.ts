// Calling workflows from routes: one place that turns Temporal's errors into the contract's.
import {
  isGrpcServiceError,
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowStartOptions,
} from '@temporalio/client';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type UpdateDefinition,
  type WorkflowIdConflictPolicy,
} from '@temporalio/common';
import { ApiError, dependencyUnavailable, fromRefusal, notFound } from './errors';

const GRPC_NOT_FOUND = 5;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * Temporal could not be reached, or gave no answer in time, after the client's own retries: the
 * server is down or restarting, or no worker answered a query. The SDK wraps the gRPC error
 * (ServiceError's `cause`), so the chain is searched.
 */
export function isTemporalUnavailable(e: unknown): boolean {
  for (let err = e, depth = 0; err instanceof Error && depth < 5; err = err.cause, depth++) {
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(err) && (err.code === GRPC_UNAVAILABLE || err.code === GRPC_DEADLINE_EXCEEDED)) return true;
  }
  return false;
}

function refusalOf(failure: ApplicationFailure): ApiError {
  const details = Array.isArray(failure.details) ? failure.details : undefined;
  return fromRefusal({ code: failure.type ?? 'REFUSED', message: failure.message, details });
}

/** The refusal of data the database can never store, wherever in an update's failure chain it is. */
function unstorableIn(failure: unknown): ApplicationFailure | undefined {
  for (let f = failure, depth = 0; f instanceof Error && depth < 5; f = f.cause, depth++) {
    if (f instanceof ApplicationFailure && f.type === 'UNSTORABLE_DATA') return f;
  }
  return undefined;
}

/** Maps what a workflow start, update or query threw; rethrows anything unexpected. */
export function mapTemporalError(e: unknown, what: string): never {
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) throw refusalOf(e.cause);
  const unstorable = e instanceof WorkflowUpdateFailedError ? unstorableIn(e.cause) : undefined;
  if (unstorable) throw refusalOf(unstorable);
  if (e instanceof WorkflowExecutionAlreadyStartedError)
    throw new ApiError(409, 'ALREADY_ACTIVE', `${what} is already open.`);
  if (e instanceof WorkflowNotFoundError || (isGrpcServiceError(e) && e.code === GRPC_NOT_FOUND)) {
    // An update to a case whose workflow has completed: it exists, but nothing is left to act on.
    if (/already completed/i.test(e.message))
      throw new ApiError(409, 'INVALID_STATE', `${what} is closed; no further steps are possible.`);
    throw notFound(what);
  }
  if (isTemporalUnavailable(e)) throw dependencyUnavailable('Temporal');
  throw e;
}

/** Runs a start, update or query, with Temporal errors mapped to HTTP ones. */
export async function callWorkflow<T>(call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (e) {
    mapTemporalError(e, what);
  }
}

/**
 * Starts a case's workflow and returns its answer to `opened` (the case once its read model holds
 * it) in one call: Update-with-Start hands the update to the workflow's first task, where a start
 * followed by a separate update costs a second round trip and a workflow task of its own.
 * An existing open workflow under the id is `WorkflowExecutionAlreadyStartedError`, as for a start.
 */
export function openCase<V>(
  temporal: Client,
  opened: UpdateDefinition<V, []>,
  workflowType: string,
  options: WorkflowStartOptions & { workflowIdConflictPolicy: WorkflowIdConflictPolicy },
): Promise<V> {
  return temporal.workflow.executeUpdateWithStart(opened, {
    startWorkflowOperation: new WithStartWorkflowOperation(workflowType, options),
  });
}
