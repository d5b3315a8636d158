// Calling workflows from routes: one place that turns Temporal's errors into the contract's.
import { isGrpcServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { ApiError, fromRefusal, notFound } from './errors';

const GRPC_NOT_FOUND = 5;

function refusalOf(failure: ApplicationFailure): ApiError {
  const details = Array.isArray(failure.details) ? failure.details : undefined;
  return fromRefusal({ code: failure.type ?? 'REFUSED', message: failure.message, details });
}

/** Maps what a workflow start, update or query threw; rethrows anything unexpected. */
export function mapTemporalError(e: unknown, what: string): never {
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) throw refusalOf(e.cause);
  if (e instanceof WorkflowExecutionAlreadyStartedError)
    throw new ApiError(409, 'ALREADY_ACTIVE', `${what} is already open.`);
  if (e instanceof WorkflowNotFoundError || (isGrpcServiceError(e) && e.code === GRPC_NOT_FOUND)) {
    // An update to a case whose workflow has completed: it exists, but nothing is left to act on.
    if (/already completed/i.test(e.message))
      throw new ApiError(409, 'INVALID_STATE', `${what} is closed; no further steps are possible.`);
    throw notFound(what);
  }
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
