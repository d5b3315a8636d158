// The typed client of the API (same origin, /api/v1), generated from the served OpenAPI document
// (schema.d.ts; `npm run console:api-types`). Every request carries the session's token; every
// POST an Idempotency-Key, so that a submission retried after a lost answer has one effect.
import createClient from 'openapi-fetch';
import { currentSession, signOut } from '../auth/session';
import { ApiFailure } from './failure';
import type { paths } from './schema';

export const API_BASE = '/api/v1';

// An object query parameter is sent as its fields (`from=…&to=…`): OpenAPI's form style, exploded,
// which is how the document describes /stats' range.
export const api = createClient<paths>({
  baseUrl: API_BASE,
  querySerializer: { object: { style: 'form', explode: true } },
});

/**
 * A random key. crypto.randomUUID exists only in secure contexts, and the console is often served
 * over plain HTTP on an intranet, so it is built from getRandomValues, which exists everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Headers of an authenticated call made outside the typed client (uploads, downloads). */
export function authHeaders(): Record<string, string> {
  const session = currentSession();
  return session ? { Authorization: `Bearer ${session.token}` } : {};
}

api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value);
    if (request.method === 'POST' && !request.headers.has('Idempotency-Key'))
      request.headers.set('Idempotency-Key', newIdempotencyKey());
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token: back to sign-in rather than a page of failed requests.
    if (response.status === 401) signOut('expired');
    return response;
  },
});

/** The data of a call, or its failure thrown as an ApiFailure with the API's code and details. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw ApiFailure.from(response.status, error);
}
