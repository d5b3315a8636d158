// Text that no request may carry: NUL characters and unpaired UTF-16 surrogates (JSON allows both,
// as `\u0000` and `\ud800`). Postgres stores neither in text nor in jsonb, and every string a request
// carries may end up there: in a read model row, an audit entry, a workflow's view, or a stored
// idempotent response that echoes it. Refused up front with 400, instead of a 500 from the database,
// or, when it reaches a workflow, an activity that fails and retries for ever while the caller waits.
import { ApiError } from './errors';

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where in `value` (strings and property names, at any depth) the first unstorable text is. */
export function findUnstorable(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    // The path leads to the object whose property name is at fault, never quoting that name.
    if (UNSTORABLE.test(key)) return [...path, '(a property name)'];
    const found = findUnstorable(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** `400 VALIDATION_FAILED` naming where unstorable text is in `value` (the request's `where`). */
export function assertStorable(value: unknown, where: string): void {
  const found = findUnstorable(value, [where]);
  if (!found) return;
  const path = found.join('.');
  const message = 'must not contain NUL characters or unpaired UTF-16 surrogates';
  throw new ApiError(400, 'VALIDATION_FAILED', `Invalid request ${where}: ${path} ${message}`, [{ path, message }]);
}
