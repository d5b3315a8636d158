// The one place errors become HTTP: every refusal leaves as
// `{"error": {"code", "message", "details"?}}`, and nothing a client sends can produce a 5xx.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { isDatabaseUnavailable } from '../db/errors';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

/**
 * Refusal codes that mean "not now" (409) or bad input (400: the schema's, or data the database can
 * never store, activities/transitions.ts); every other rule code is a 422.
 */
const STATUS_BY_CODE: Record<string, number> = {
  INVALID_STATE: 409,
  ALREADY_ACTIVE: 409,
  VALIDATION_FAILED: 400,
  UNSTORABLE_DATA: 400,
};

/** A refusal from domain/ (directly, or out of a workflow) as the HTTP error the contract names. */
export function fromRefusal(refusal: { code: string; message: string; details?: unknown[] }): ApiError {
  return new ApiError(STATUS_BY_CODE[refusal.code] ?? 422, refusal.code, refusal.message, refusal.details);
}

/** A dependency (the database, Temporal) cannot be reached: retrying later is the remedy, not a bug report. */
export const dependencyUnavailable = (what: string) =>
  new ApiError(503, 'DEPENDENCY_UNAVAILABLE', `${what} is unavailable at the moment; retry shortly.`);

export const notFound = (what = 'Resource') => new ApiError(404, 'NOT_FOUND', `${what} not found.`);
export const forbidden = () => new ApiError(403, 'FORBIDDEN', 'Your role may not do this.');

/** Zod issues become `VALIDATION_FAILED`, unless a refinement named a more precise code. */
export function validationError(where: string, error: z.ZodError): ApiError {
  const details = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const coded = error.issues.find((issue) => issue.code === 'custom' && typeof issue.params?.code === 'string');
  const code = coded?.code === 'custom' ? String(coded.params?.code) : 'VALIDATION_FAILED';
  return new ApiError(400, code, `Invalid request ${where}: ${details[0]?.path} ${details[0]?.message}`, details);
}

/** Errors raised by body parsing, uploads and other middleware before a route runs. */
function fromMiddleware(err: {
  type?: string;
  status?: number;
  name?: string;
  code?: string;
  message?: string;
}): ApiError | undefined {
  if (err.type === 'entity.too.large') return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (err.name === 'MulterError') {
    if (err.code === 'LIMIT_FILE_SIZE')
      return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'An uploaded file is larger than allowed.');
    return new ApiError(400, 'VALIDATION_FAILED', `The upload was refused: ${err.message}.`);
  }
  if (err.type === 'entity.parse.failed')
    return new ApiError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
    return new ApiError(err.status, 'BAD_REQUEST', 'The request could not be read.');
  }
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known =
    err instanceof ApiError
      ? err
      : (fromMiddleware(err) ?? (isDatabaseUnavailable(err) ? dependencyUnavailable('The database') : undefined));
  // Refused before its body was read (an upload the caller may not make): close the connection
  // instead of reading the rest of the body only to discard it.
  if (!req.complete) res.setHeader('Connection', 'close');
  if (known) {
    if (known.code === 'DEPENDENCY_UNAVAILABLE') req.log?.warn({ err }, known.message);
    res.status(known.status).json(known.toBody());
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  res.status(500).json(new ApiError(500, 'INTERNAL', 'Something went wrong on our side; it has been logged.').toBody());
};

export const unknownRoute: RequestHandler = (req, _res, next) =>
  next(new ApiError(404, 'NOT_FOUND', `No route ${req.method} ${req.path}.`));
