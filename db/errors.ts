// Telling "the database cannot be reached" apart from every other database error, so that the API
// can answer 503 DEPENDENCY_UNAVAILABLE (retry later) instead of a 500, and nothing else is hidden.
// Covers what `pg` and `pg-pool` throw when the server refuses, drops or never answers a
// connection, and what Postgres itself says while it shuts down or starts; drizzle wraps each of
// these in a DrizzleQueryError whose `cause` is the original.

/** Socket errors: the server is not there, or the connection to it broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATEs of a server that is going away or not accepting connections (class 08 is handled apart). */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/** Errors pg and pg-pool raise without a code. */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Query read timeout)/;

function isUnavailableItself(err: { code?: unknown; message?: unknown }): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  return typeof err.message === 'string' && UNAVAILABLE_MESSAGES.test(err.message);
}

/** True when `err`, or an error it wraps, says the database could not be reached. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 5 || typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (isUnavailableItself(e)) return true;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** The SQLSTATE of a Postgres error, or of the error it wraps (drizzle wraps each in a DrizzleQueryError). */
export function sqlStateOf(err: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof err !== 'object' || err === null) return undefined;
  const { code, cause } = err as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return sqlStateOf(cause, depth + 1);
}

/**
 * True when Postgres refused the data itself: a data exception (class 22: a date or number out of
 * range, NUL in text, a malformed value) or an integrity constraint (class 23) other than a unique
 * violation. Retrying such a write can never succeed. A unique violation is left out: the writers
 * tolerate the duplicates they expect, and the one they do not (a fork of the audit chain by a
 * concurrent writer) goes away when the write is retried.
 */
export function isPermanentDataError(err: unknown): boolean {
  const state = sqlStateOf(err);
  return state !== undefined && (state.startsWith('22') || (state.startsWith('23') && state !== '23505'));
}
