// Rule outcomes as values. A rule either yields its value or a Refusal whose code is part of the
// HTTP contract: workflows throw it as an ApplicationFailure, api/errors.ts maps it to a status
// once (422 for the rule codes, 409 for INVALID_STATE), so the codes here must not be renamed.

export type RefusalCode =
  // codes named by the HTTP contract
  | 'EXCLUDED_DOMAIN' // matter or area excluded from the treatment asked for (observation, a list)
  | 'NOT_ON_LIST' // disposition needs a list (清单) of the agency the matter is not on
  | 'NOT_FIRST_VIOLATION' // an earlier violation of the same matter inside the look-back
  | 'NOT_YET_ELIGIBLE' // credit repair applied for before the minimum publication period
  | 'MATERIALS_INCOMPLETE' // credit repair application missing required materials
  | 'INVALID_STATE' // the step does not fit the current state (409)
  | 'VALIDATION_FAILED' // malformed input that got past the schema, e.g. a policy override (400)
  // codes this layer adds (422)
  | 'REPAIR_BARRED' // new repair applications refused after a revoked repair
  | 'DURATION_OUT_OF_RANGE' // observation months outside the policy's bounds
  | 'NOT_NEW_BUSINESS_MODEL' // observation period for an enterprise not registered as a new business model
  | 'INVALID_DEADLINE' // rectification deadline not after the order date
  | 'DATE_IN_FUTURE' // a date that must have passed (an order, a decision, a measure taken) lies ahead
  | 'DATE_OUTSIDE_PERIOD' // a measure dated before its observation period began
  | 'RETROACTIVE_POLICY' // a policy version or list change meant to take effect before today
  | 'INVALID_POLICY' // policy settings each valid but contradicting one another (a default above the maximum)
  | 'LIST_NOT_YET_OPEN' // a year's graded list fixed before its January
  | 'CORRECTED_TEXT_REQUIRED' // an objection decided `corrected` without the corrected text, or another with one
  | 'LIST_DEADLINE_PASSED' // a year's graded list fixed after January 31 without `late` and a reason
  | 'OFFSET_NOT_ALLOWED'; // public-interest service in lieu of a fine for a matter the agency does not allow it for

export interface Refusal {
  code: RefusalCode;
  /** A human sentence in English, safe to show to the caller. */
  message: string;
  details?: unknown[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function refuse<T = never>(code: RefusalCode, message: string, details?: unknown[]): Result<T> {
  return { ok: false, refusal: details === undefined ? { code, message } : { code, message, details } };
}
