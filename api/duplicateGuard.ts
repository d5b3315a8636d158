// Double submissions without an Idempotency-Key: a request identical (same caller, same route, same
// body) to one that went through in the last DUPLICATE_WINDOW_SECONDS is refused with
// 409 DUPLICATE_SUBMISSION, so that a double-clicked bulk extension moves deadlines once. The claim
// is a row in the database, taken atomically, so it holds across API processes. It lives beside the
// idempotency keys, under a key no client can send (client keys have no spaces), and expires by
// its timestamp as a lease does.
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import type { Principal } from './auth';
import { ApiError } from './errors';
import { callerOf, canonical } from './idempotency';

export const DUPLICATE_WINDOW_SECONDS = 60;

export class DuplicateGuard {
  constructor(private readonly db: Database) {}

  /**
   * Claims the submission of `body` to `route` by `principal`, or refuses it as a duplicate of one
   * claimed within the window. Returns what releases the claim, for a request that then fails: a
   * refused or failed submission took no effect, so sending it again is no duplicate.
   */
  async claim(principal: Principal, route: string, body: unknown): Promise<() => Promise<void>> {
    const hash = createHash('sha256')
      .update(`${route}\n${canonical(body)}`)
      .digest('hex');
    const row = { principal: callerOf(principal), key: `duplicate guard ${hash}`, requestHash: hash };
    const [claimed] = await this.db
      .insert(idempotencyKeys)
      .values(row)
      .onConflictDoUpdate({
        target: [idempotencyKeys.principal, idempotencyKeys.key],
        set: { createdAt: sql`now()` },
        setWhere: lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${DUPLICATE_WINDOW_SECONDS})`),
      })
      .returning({ key: idempotencyKeys.key });
    if (!claimed) {
      throw new ApiError(
        409,
        'DUPLICATE_SUBMISSION',
        `The same request was submitted less than ${DUPLICATE_WINDOW_SECONDS} seconds ago; it is applied once. ` +
          'Send an Idempotency-Key to retry a request safely.',
      );
    }
    const match = and(eq(idempotencyKeys.principal, row.principal), eq(idempotencyKeys.key, row.key));
    return async () => void (await this.db.delete(idempotencyKeys).where(match));
  }
}
