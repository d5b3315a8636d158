// Refusing a step from workflow code. The domain layer's rules return refusals as values
// (domain/refusal.ts `refuse`); here one is thrown as a non-retryable ApplicationFailure, which the
// SDK turns into a rejected (validator) or failed (handler) update and the API maps to its code.
import { ApplicationFailure } from '@temporalio/workflow';
import type { Refusal } from '../../domain';

/** Throws a domain refusal so that the caller gets its code: 409 INVALID_STATE, 422 rule codes. */
export function throwRefusal(refusal: Refusal): never {
  throw ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    details: refusal.details ?? [],
    nonRetryable: true,
  });
}

export const invalidState = (message: string): never => throwRefusal({ code: 'INVALID_STATE', message });
