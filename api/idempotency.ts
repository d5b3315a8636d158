// `Idempotency-Key` on POSTs: the first response to a key is stored and returned again for every
// retry with the same body; the same key with another body is refused. Keys belong to the caller
// (subject, role, and agency or enterprise): two callers never see each other's stored answers, and
// what a key derives (case ids, workflow update ids) differs between callers too.
//
// While a request runs, its key is claimed: a retry meanwhile gets 409 IDEMPOTENCY_IN_PROGRESS. The
// claim is a lease that the running request renews; if the process handling it dies (a crash, a
// deployment) the lease runs out and the next retry takes the key over and runs the request again,
// which is safe because every handler behind a key is itself idempotent (workflow updates carry the
// key as their update id, a keyed rectification order its workflow id). A failure on our side (5xx)
// releases the key, so the retry runs again; a refusal (4xx) is stored as the answer.
import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Request } from 'express';
import type { Database } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import type { Principal } from './auth';
import { ApiError } from './errors';
import type { RouteResult } from './route';

const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

/** A claim not renewed for this long belongs to a request that died; the running one renews it far more often. */
const LEASE_SECONDS = 15;
const RENEW_EVERY_MS = 5_000;

/** JSON with sorted keys, so that the same body always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What an Idempotency-Key may be: 1 to 200 printable ASCII characters (documented in openapi.ts). */
export const IDEMPOTENCY_KEY_PATTERN = KEY_SHAPE.source;

/** Who a key (or a duplicate submission) belongs to: the same person acting in another role, agency or enterprise is another caller. */
export const callerOf = (p: Principal): string =>
  JSON.stringify([p.sub, p.role, p.agency ?? null, p.enterpriseId ?? null]);

/** A request's Idempotency-Key with its caller: how it is stored, and what handlers derive ids from. */
export interface RequestKey {
  caller: string;
  key: string;
  /** The key scoped to its caller (hex SHA-256): the same for every retry, different for every other caller. */
  scoped: string;
}

/** The Idempotency-Key the caller sent, if any; `400 VALIDATION_FAILED` for one of the wrong shape. */
export function requestKey(req: Request, principal: Principal): RequestKey | undefined {
  const key = req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY_SHAPE.test(key)) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'Idempotency-Key must be 1 to 200 printable ASCII characters.', [
      { path: 'header.Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' },
    ]);
  }
  const caller = callerOf(principal);
  return { caller, key, scoped: createHash('sha256').update(`${caller}\n${key}`).digest('hex') };
}

/**
 * The id of what a keyed request creates (`what`, e.g. 'rectification'): always the same for one
 * caller's key (a UUID of version 8, RFC 9562, from SHA-256), so that a retry finds what its first
 * attempt created.
 */
export function keyedUuid(scopedKey: string, what: string): string {
  const hash = createHash('sha256').update(`${what}\n${scopedKey}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a retry must repeat to be the same request: method, URL and body (and any uploaded files' hashes). */
export function requestHash(req: Request, body: unknown): string {
  return createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n${canonical(body ?? null)}`)
    .digest('hex');
}

export class Idempotency {
  constructor(private readonly db: Database) {}

  /** Runs `handler` once per caller's key and request: a retry gets the stored answer. */
  async run(key: RequestKey | undefined, hash: string, handler: () => Promise<RouteResult>): Promise<RouteResult> {
    if (key === undefined) return handler();
    const row = { principal: key.caller, key: key.key, requestHash: hash };
    const claimed = await this.db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning();
    if (claimed.length === 0 && !(await this.takeOver(row))) return this.replay(row);
    const lease = setInterval(() => void this.renew(row).catch(() => undefined), RENEW_EVERY_MS);
    lease.unref();
    try {
      const result = await handler();
      // Another process may have taken over a claim we could not renew: the first answer stored wins.
      return (await this.settle(row, result.status, result.body)) ? result : await this.replay(row);
    } catch (e) {
      // A refusal is an answer too: a retry must get the same one. Anything else may be retried.
      if (e instanceof ApiError && e.status < 500) {
        if (!(await this.settle(row, e.status, e.toBody()))) return this.replay(row);
      } else {
        // If the database is down this fails too; then the lease runs out instead.
        await this.release(row).catch(() => undefined);
      }
      throw e;
    } finally {
      clearInterval(lease);
    }
  }

  /** Whether the caller has sent this key before: a request with it now is a retry. */
  async known(key: RequestKey): Promise<boolean> {
    const [row] = await this.db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(this.match({ principal: key.caller, key: key.key }));
    return row !== undefined;
  }

  /** Claims a key whose lease ran out, i.e. whose request died unanswered. */
  private async takeOver(row: { principal: string; key: string; requestHash: string }): Promise<boolean> {
    const taken = await this.db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now()` })
      .where(
        and(
          this.match(row),
          isNull(idempotencyKeys.statusCode),
          eq(idempotencyKeys.requestHash, row.requestHash),
          lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${LEASE_SECONDS})`),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    return taken.length > 0;
  }

  /** The running request's claim stays fresh (`created_at` of an unanswered key is its lease). */
  private renew(row: { principal: string; key: string }) {
    return this.db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now()` })
      .where(and(this.match(row), isNull(idempotencyKeys.statusCode)));
  }

  private async replay(row: { principal: string; key: string; requestHash: string }): Promise<RouteResult> {
    const [stored] = await this.db.select().from(idempotencyKeys).where(this.match(row));
    if (!stored || stored.requestHash !== row.requestHash) {
      throw new ApiError(
        409,
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request.',
      );
    }
    if (stored.statusCode === null) {
      throw new ApiError(
        409,
        'IDEMPOTENCY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
      );
    }
    return { status: stored.statusCode, body: stored.responseBody ?? undefined };
  }

  /** Stores the answer; false if another answer was stored first. */
  private async settle(row: { principal: string; key: string }, statusCode: number, responseBody: unknown) {
    const settled = await this.db
      .update(idempotencyKeys)
      .set({ statusCode, responseBody: responseBody ?? null })
      .where(and(this.match(row), isNull(idempotencyKeys.statusCode)))
      .returning({ key: idempotencyKeys.key });
    return settled.length > 0;
  }

  private release(row: { principal: string; key: string }) {
    return this.db.delete(idempotencyKeys).where(and(this.match(row), isNull(idempotencyKeys.statusCode)));
  }

  private match(row: { principal: string; key: string }) {
    return and(eq(idempotencyKeys.principal, row.principal), eq(idempotencyKeys.key, row.key));
  }
}
