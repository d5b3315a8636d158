// `Idempotency-Key` on POSTs: the first response to a key is stored and returned again for every
// retry with the same body; the same key with another body is refused. Keys are per caller.
import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Request } from 'express';
import type { Database } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import type { Principal } from './auth';
import { ApiError } from './errors';
import type { RouteResult } from './route';

const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

/** JSON with sorted keys, so that the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The caller's Idempotency-Key, if it sent one. */
export const idempotencyKey = (req: Request): string | undefined => req.header('idempotency-key');

export function requestHash(req: Request): string {
  return createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n${canonical(req.body ?? null)}`)
    .digest('hex');
}

export class Idempotency {
  constructor(private readonly db: Database) {}

  async run(req: Request, principal: Principal, handler: () => Promise<RouteResult>): Promise<RouteResult> {
    const key = idempotencyKey(req);
    if (key === undefined) return handler();
    if (!KEY_SHAPE.test(key)) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'Idempotency-Key must be 1 to 200 printable ASCII characters.');
    }
    const row = { principal: principal.sub, key, requestHash: requestHash(req) };
    const claimed = await this.db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning();
    if (claimed.length === 0) return this.replay(row);
    try {
      const result = await handler();
      await this.settle(row, result.status, result.body);
      return result;
    } catch (e) {
      // A refusal is an answer too: a retry must get the same one. Anything else may be retried.
      if (e instanceof ApiError) await this.settle(row, e.status, e.toBody());
      else await this.release(row);
      throw e;
    }
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

  private settle(row: { principal: string; key: string }, statusCode: number, responseBody: unknown) {
    return this.db
      .update(idempotencyKeys)
      .set({ statusCode, responseBody: responseBody ?? null })
      .where(and(this.match(row), isNull(idempotencyKeys.statusCode)));
  }

  private release(row: { principal: string; key: string }) {
    return this.db.delete(idempotencyKeys).where(and(this.match(row), isNull(idempotencyKeys.statusCode)));
  }

  private match(row: { principal: string; key: string }) {
    return and(eq(idempotencyKeys.principal, row.principal), eq(idempotencyKeys.key, row.key));
  }
}
