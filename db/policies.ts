// Reading an agency's rules as stored: its policy versions, its list entries, and from them the
// policy and the matters in force on a day (domain/versioned.ts and domain/lists.ts decide which).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { CalendarDate } from '../domain/calendar';
import type { DiscretionBenchmark, EnforcementMatter, ExclusionReason, LeniencyList } from '../domain/catalog';
import { agencyMatterOn, type AgencyListEntry, type AgencyMatter } from '../domain/lists';
import { DEFAULT_POLICY, policyFor, type Policy, type PolicySettings } from '../domain/policies';
import { inForceOn } from '../domain/versioned';
import type { Database } from './client';
import { agencyListEntries, matters, policyVersions } from './schema';

/** A stored policy version, with the policy it makes. */
export interface PolicyVersion {
  agency: string;
  revision: number;
  effectiveFrom: CalendarDate;
  reason: string;
  author: string;
  recordedAt: Date;
  policy: Policy;
}

type PolicyRow = typeof policyVersions.$inferSelect;
type ListEntryRow = typeof agencyListEntries.$inferSelect;

function versionOf(row: PolicyRow): PolicyVersion {
  const policy = policyFor({
    agency: row.agency,
    revision: row.revision,
    settings: row.settings as Partial<PolicySettings>,
  });
  // Every version was checked when stored; one that no longer passes is a bug, not bad input.
  if (!policy.ok) throw new Error(`Stored policy ${row.agency}@${row.revision} is invalid: ${policy.refusal.message}`);
  const { agency, revision, effectiveFrom, reason, author, recordedAt } = row;
  return { agency, revision, effectiveFrom, reason, author, recordedAt, policy: policy.value };
}

/** Every version of the agency's policy, in the order they take effect. */
export async function policyVersionsOf(db: Pick<Database, 'select'>, agency: string): Promise<PolicyVersion[]> {
  const rows = await db
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.agency, agency))
    .orderBy(asc(policyVersions.effectiveFrom), asc(policyVersions.revision));
  return rows.map(versionOf);
}

/** The version in force on `on`; undefined when the agency has none then (the default policy applies). */
export async function policyVersionOn(
  db: Pick<Database, 'select'>,
  agency: string,
  on: CalendarDate,
): Promise<PolicyVersion | undefined> {
  return inForceOn(await policyVersionsOf(db, agency), on);
}

/** The policy an agency applies on `on`: its version in force, else the default policy. */
export async function policyOn(db: Pick<Database, 'select'>, agency: string | undefined, on: CalendarDate): Promise<Policy> {
  if (agency === undefined) return DEFAULT_POLICY;
  return (await policyVersionOn(db, agency, on))?.policy ?? DEFAULT_POLICY;
}

export const listEntryOf = (row: ListEntryRow): AgencyListEntry => ({
  agency: row.agency,
  matterCode: row.matterCode,
  revision: row.revision,
  effectiveFrom: row.effectiveFrom,
  lists: row.lists as LeniencyList[],
  ...(row.benchmark ? { benchmark: row.benchmark as DiscretionBenchmark } : {}),
  ...(row.excluded !== null ? { excluded: row.excluded as ExclusionReason | false } : {}),
  reason: row.reason,
});

/** The agency's list entries (of one matter, when given), oldest change first. */
export async function listEntriesOf(db: Database, agency: string, matterCode?: string): Promise<ListEntryRow[]> {
  return db
    .select()
    .from(agencyListEntries)
    .where(
      and(
        eq(agencyListEntries.agency, agency),
        matterCode === undefined ? undefined : eq(agencyListEntries.matterCode, matterCode),
      ),
    )
    .orderBy(asc(agencyListEntries.effectiveFrom), asc(agencyListEntries.revision), asc(agencyListEntries.matterCode));
}

/** The catalog's matters, by code in byte order (independent of the server's locale). */
export async function catalogMatters(db: Database): Promise<Array<{ matter: EnforcementMatter; updatedAt: Date }>> {
  const rows = await db
    .select({ matter: matters.matter, updatedAt: matters.updatedAt })
    .from(matters)
    .orderBy(sql`${matters.code} collate "C"`);
  return rows.map((r) => ({ matter: r.matter as EnforcementMatter, updatedAt: r.updatedAt }));
}

/** Every catalog matter as the agency applies it on `on`, under `policy`. */
export async function agencyMattersOn(
  db: Database,
  agency: string,
  policy: Policy,
  on: CalendarDate,
): Promise<Array<{ matter: AgencyMatter; catalogUpdatedAt: Date }>> {
  const [catalog, rows] = await Promise.all([catalogMatters(db), listEntriesOf(db, agency)]);
  const entries = rows.map(listEntryOf);
  return catalog.map(({ matter, updatedAt }) => ({
    matter: agencyMatterOn(
      matter,
      entries.filter((e) => e.matterCode === matter.code),
      policy,
      on,
    ),
    catalogUpdatedAt: updatedAt,
  }));
}

/** One catalog matter as the agency applies it on `on`; undefined when the catalog lacks it. */
export async function agencyMatterByCode(
  db: Database,
  agency: string | undefined,
  code: string,
  policy: Policy,
  on: CalendarDate,
): Promise<AgencyMatter | undefined> {
  const [row] = await db.select({ matter: matters.matter }).from(matters).where(eq(matters.code, code));
  if (!row) return undefined;
  const entries = agency === undefined ? [] : (await listEntriesOf(db, agency, code)).map(listEntryOf);
  return agencyMatterOn(row.matter as EnforcementMatter, entries, policy, on);
}
