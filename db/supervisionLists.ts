// Fixing an agency's graded list for a year (domain/supervisionList.ts), by the admin or by the
// January 31 timer: every registered enterprise rated on December 31 of the previous year under
// the agency's policy, with its cap for the year. Fixed once: the first writer's snapshot stays,
// and a second attempt (a retry, the timer after the admin) gets it back unchanged.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { gradedOn, listEntries, rateEnterprise, type RatedEntry } from '../domain';
import { recordAudit } from './audit';
import type { Database } from './client';
import { policyOn } from './policies';
import { creditFileEntries, enterprises, supervisionLists } from './schema';
import { supervisionListOf, whitelistedOn } from './supervision';

export interface ListFixing {
  how: 'admin' | 'automatic';
  by: string;
  role: string;
  late: boolean;
  reason?: string;
  today: string;
  requestId?: string;
}

/** Every enterprise's grade on `asOf` under the agency's policy then, from one read of all credit files. */
async function gradesOn(db: Database, agency: string, asOf: string) {
  const policy = await policyOn(db, agency, asOf);
  const [all, entries] = await Promise.all([
    db.select({ id: enterprises.id, registeredOn: enterprises.registeredOn }).from(enterprises),
    db
      .select({
        enterpriseId: creditFileEntries.enterpriseId,
        key: creditFileEntries.key,
        occurredOn: creditFileEntries.occurredOn,
        kind: creditFileEntries.kind,
        details: creditFileEntries.details,
      })
      .from(creditFileEntries)
      // Entries removed on objection are out of the file.
      .where(isNull(creditFileEntries.removedAt))
      .orderBy(asc(creditFileEntries.occurredOn), asc(creditFileEntries.recordedAt), asc(creditFileEntries.key)),
  ]);
  const files = new Map<string, RatedEntry[]>();
  for (const { enterpriseId, ...entry } of entries)
    files.set(enterpriseId, [...(files.get(enterpriseId) ?? []), entry]);
  return all.map((e) => ({
    enterpriseId: e.id,
    grade: rateEnterprise(files.get(e.id) ?? [], e.registeredOn, policy, asOf).grade,
  }));
}

/** Fixes the list unless it is fixed already; `created` tells which. */
export async function fixSupervisionList(db: Database, agency: string, year: number, fixing: ListFixing) {
  const known = await supervisionListOf(db, agency, year);
  if (known) return { list: known, created: false };
  const yearStart = `${year}-01-01`;
  const [grades, whitelist, policy] = await Promise.all([
    gradesOn(db, agency, gradedOn(year)),
    whitelistedOn(db, yearStart),
    policyOn(db, agency, yearStart),
  ]);
  const listed = new Set(whitelist.map((w) => w.enterpriseId));
  const entries = listEntries(
    grades.map((g) => ({ ...g, whitelisted: listed.has(g.enterpriseId) })),
    policy,
  );
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(supervisionLists)
      .values({
        agency,
        year,
        entries,
        fixedOn: fixing.today,
        fixedBy: fixing.by,
        fixedHow: fixing.how,
        late: fixing.late,
        reason: fixing.reason ?? null,
        policyVersion: policy.version,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return undefined;
    await recordAudit(tx, {
      actor: fixing.by,
      role: fixing.role,
      action: fixing.how === 'admin' ? 'supervision_list.fixed' : 'supervision_list.fixed_automatically',
      entityType: 'supervision_list',
      entityId: `${agency}:${year}`,
      after: { agency, year, enterprises: entries.length, late: fixing.late, policyVersion: policy.version },
      reason: fixing.reason,
      requestId: fixing.requestId,
    });
    return row;
  });
  const list = await supervisionListOf(db, agency, year);
  return { list: list!, created: created !== undefined };
}

export const listFixedFor = (db: Database, year: number) =>
  db
    .select({ agency: supervisionLists.agency })
    .from(supervisionLists)
    .where(and(eq(supervisionLists.year, year)));
