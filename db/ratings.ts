// Credit ratings as stored: computed from the enterprise's credit file by domain/rating.ts under an
// agency's policy, and kept as history. recordRating runs inside the transaction that writes a
// credit-file entry (activities/transitions.ts), so the file and its rating never disagree; a
// transaction-scoped advisory lock per enterprise makes the last of two concurrent writers rate a
// file that holds both entries.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { CalendarDate } from '../domain/calendar';
import { DEFAULT_POLICY, type Policy } from '../domain/policies';
import { rateEnterprise, type Rating } from '../domain/rating';
import { inForceOn } from '../domain/versioned';
import type { Database } from './client';
import { policyVersionsOf } from './policies';
import { creditFileEntries, creditRatings, enterprises } from './schema';

type Reader = Pick<Database, 'select'>;
type Writer = Pick<Database, 'select' | 'insert' | 'execute'>;

/** Advisory-lock class of a credit file (pg_advisory_xact_lock(int4, int4)); see db/keyedLock.ts for another. */
const CREDIT_FILE_LOCK_CLASS = 724_174;

async function policyOf(db: Reader, agency: string | null, on: CalendarDate): Promise<Policy> {
  if (agency === null) return DEFAULT_POLICY;
  return inForceOn(await policyVersionsOf(db, agency), on)?.policy ?? DEFAULT_POLICY;
}

/** The rating of the enterprise's file as it stands, on `asOf`, under `agency`'s policy (null: the default). */
export async function rateNow(
  db: Reader,
  enterpriseId: string,
  agency: string | null,
  asOf: CalendarDate,
): Promise<Rating> {
  const [entries, [enterprise], policy] = await Promise.all([
    db
      .select({
        key: creditFileEntries.key,
        occurredOn: creditFileEntries.occurredOn,
        kind: creditFileEntries.kind,
        details: creditFileEntries.details,
      })
      .from(creditFileEntries)
      .where(and(eq(creditFileEntries.enterpriseId, enterpriseId), isNull(creditFileEntries.removedAt)))
      .orderBy(asc(creditFileEntries.occurredOn), asc(creditFileEntries.recordedAt), asc(creditFileEntries.key)),
    db.select({ registeredOn: enterprises.registeredOn }).from(enterprises).where(eq(enterprises.id, enterpriseId)),
    policyOf(db, agency, asOf),
  ]);
  return rateEnterprise(entries, enterprise?.registeredOn ?? null, policy, asOf);
}

/** The last stored rating of the enterprise under `agency`'s policy. */
export async function lastRating(db: Reader, enterpriseId: string, agency: string | null) {
  const [row] = await db
    .select()
    .from(creditRatings)
    .where(
      and(
        eq(creditRatings.enterpriseId, enterpriseId),
        agency === null ? isNull(creditRatings.agency) : eq(creditRatings.agency, agency),
      ),
    )
    .orderBy(desc(creditRatings.id))
    .limit(1);
  return row;
}

/** Every stored rating of the enterprise, oldest first. */
export const ratingHistory = (db: Reader, enterpriseId: string) =>
  db.select().from(creditRatings).where(eq(creditRatings.enterpriseId, enterpriseId)).orderBy(asc(creditRatings.id));

/**
 * Rates the enterprise again after a change to its file (`cause`) and stores the rating when its
 * grade or reasons differ from the last one: a retried write stores nothing twice.
 */
export async function recordRating(
  tx: Writer,
  enterpriseId: string,
  agency: string | null,
  asOf: CalendarDate,
  cause: string,
): Promise<Rating> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CREDIT_FILE_LOCK_CLASS}, hashtext(${enterpriseId}))`);
  const rating = await rateNow(tx, enterpriseId, agency, asOf);
  const last = await lastRating(tx, enterpriseId, agency);
  const same = last?.grade === rating.grade && JSON.stringify(last.reasons) === JSON.stringify(rating.reasons);
  if (!same) {
    await tx.insert(creditRatings).values({
      enterpriseId,
      agency,
      grade: rating.grade,
      reasons: rating.reasons,
      asOf: rating.asOf,
      policyVersion: rating.policyVersion,
      cause,
    });
  }
  return rating;
}
