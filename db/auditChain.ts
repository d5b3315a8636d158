// The audit trail's hash chain as Node recomputes it: the canonical form of an entry (byte for byte
// what audit_log_canonical() in migration 0002_audit_chain builds; the database's insert trigger
// computes every stored hash), its SHA-256, and a verifier that walks the stored log in id order
// and names the first entry that does not fit.
import { createHash } from 'node:crypto';
import { asc, gt, sql } from 'drizzle-orm';
import type { Database } from './client';
import { auditLog } from './schema';

export const CHAIN_VERSION = 'tempered.audit.v1';

/** An entry in exactly the forms that are hashed. */
export interface ChainEntry {
  id: number;
  /** `at` in microseconds since the Unix epoch: the database keeps microseconds, a Date does not. */
  atMicros: bigint;
  actor: string;
  role: string;
  action: string;
  entityType: string;
  entityId: string;
  /** The jsonb text of `before` (Postgres's one spelling of a jsonb value), or null. */
  before: string | null;
  after: string | null;
  reason: string | null;
  requestId: string | null;
  eventKey: string | null;
  /** The previous entry's hash; null for the first entry. */
  prevHash: string | null;
}

export interface StoredEntry extends ChainEntry {
  hash: string;
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, what the SQL side's to_char(at AT TIME ZONE 'UTC', ...) writes. */
export function formatInstant(micros: bigint): string {
  const ms = floorDiv(micros, 1000n);
  const iso = new Date(Number(ms)).toISOString();
  if (!/^\d{4}-/.test(iso)) throw new RangeError(`Instant outside years 0000-9999: ${iso}`);
  return `${iso.slice(0, -1)}${String(micros - ms * 1000n).padStart(3, '0')}Z`;
}

/**
 * A JSON array without spaces: the version tag, the id, the instant, then every other column in
 * table order, each text as a JSON string (JSON.stringify and Postgres's to_json escape alike),
 * jsonb columns as JSON strings of their jsonb text, SQL NULL as null, and the previous hash last.
 */
export function canonicalEntry(e: ChainEntry): string {
  const fields: (string | null)[] = [
    formatInstant(e.atMicros),
    e.actor,
    e.role,
    e.action,
    e.entityType,
    e.entityId,
    e.before,
    e.after,
    e.reason,
    e.requestId,
    e.eventKey,
    e.prevHash,
  ];
  return `[${JSON.stringify(CHAIN_VERSION)},${e.id},${fields.map((f) => JSON.stringify(f)).join(',')}]`;
}

export const entryHash = (e: ChainEntry): string =>
  createHash('sha256').update(canonicalEntry(e), 'utf8').digest('hex');

/** Where the chain first fails, and how. */
export interface ChainBreak {
  id: number;
  /** `prevHash`: the entry does not name its predecessor's hash; `hash`: its content does not match its hash. */
  field: 'prevHash' | 'hash';
  expected: string | null;
  found: string | null;
  message: string;
}

export interface ChainReport {
  /** Entries found intact before the break (or all of them). */
  verified: number;
  /** The last intact entry: the head of the chain when nothing is broken. */
  last?: { id: number; hash: string };
  broken?: ChainBreak;
}

/** Checks entries given in id order; stops at the first one that does not fit. */
export async function verifyChain(entries: AsyncIterable<StoredEntry> | Iterable<StoredEntry>): Promise<ChainReport> {
  let verified = 0;
  let last: ChainReport['last'];
  for await (const entry of entries) {
    const expectedPrev = last?.hash ?? null;
    if (entry.prevHash !== expectedPrev) {
      const message = last
        ? `entry ${entry.id} does not follow entry ${last.id}: an entry between them was removed, or entry ` +
          `${last.id} was rewritten along with its hash`
        : `entry ${entry.id} is the first entry but names a predecessor: earlier entries were removed`;
      return {
        verified,
        last,
        broken: { id: entry.id, field: 'prevHash', expected: expectedPrev, found: entry.prevHash, message },
      };
    }
    const recomputed = entryHash(entry);
    if (recomputed !== entry.hash) {
      const message = `entry ${entry.id} does not match its hash: its content was changed after it was recorded`;
      return {
        verified,
        last,
        broken: { id: entry.id, field: 'hash', expected: recomputed, found: entry.hash, message },
      };
    }
    verified++;
    last = { id: entry.id, hash: entry.hash };
  }
  return { verified, last };
}

/** The stored log in id order, a page at a time (keyset on id), in the forms that are hashed. */
export async function* readAuditLog(db: Database, pageSize = 1000): AsyncGenerator<StoredEntry> {
  let after: number | undefined;
  for (;;) {
    const rows = await db
      .select({
        id: auditLog.id,
        // Exact since Postgres 14, where extract() returns numeric.
        atMicros: sql<string>`(extract(epoch from ${auditLog.at}) * 1000000)::bigint::text`,
        actor: auditLog.actor,
        role: auditLog.role,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        before: sql<string | null>`${auditLog.before}::text`,
        after: sql<string | null>`${auditLog.after}::text`,
        reason: auditLog.reason,
        requestId: auditLog.requestId,
        eventKey: auditLog.eventKey,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
      })
      .from(auditLog)
      .where(after === undefined ? undefined : gt(auditLog.id, after))
      .orderBy(asc(auditLog.id))
      .limit(pageSize);
    for (const row of rows) yield { ...row, atMicros: BigInt(row.atMicros) };
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}

/** Recomputes the whole stored chain. */
export const verifyAuditLog = (db: Database, pageSize?: number): Promise<ChainReport> =>
  verifyChain(readAuditLog(db, pageSize));
