// The lists as an agency publishes them (Changning item 2, Jimsar items 5 and 10, Tongliao): each
// catalog matter as the agency applies it on a day, the dated history of changes with their
// reasons, and the same table as CSV. Read by staff (GET /agencies/{agency}/lists) and by anyone
// (GET /public/v1/lists...): nothing here names a person or an enterprise.
import { eq } from 'drizzle-orm';
import type { AgencyRow } from '../../db/agencies';
import type { Database } from '../../db/client';
import { agencyMattersOn, listEntryOf, policyVersionOn } from '../../db/policies';
import { agencyListEntries, matters, policyVersions } from '../../db/schema';
import {
  agencyPolicyVersion,
  AREA_TITLES,
  DEFAULT_POLICY,
  EXCLUSION_TITLES,
  LENIENCY_LISTS,
  LIST_TITLES,
  todayInShanghai,
  type AgencyMatter,
  type CalendarDate,
  type EnforcementMatter,
  type LeniencyList,
} from '../../domain';
import { toCsv } from '../csv';

export interface PublishedMatter {
  code: string;
  title: string;
  area: AgencyMatter['area'];
  legalBasis: string;
  /** The lists the matter is on for this agency, less any its exclusions bar. */
  lists: LeniencyList[];
  benchmark: AgencyMatter['benchmark'];
  excludedFromLeniency: boolean;
  exclusionReason: AgencyMatter['exclusionReason'] | null;
  barredFrom: AgencyMatter['barredFrom'];
  /** The day the agency's entry took effect; for the shared catalog's entry, the day it was last changed. */
  effectiveFrom: CalendarDate;
  source: 'agency' | 'catalog';
}

export interface PublishedLists {
  /** The agency's id, as everywhere else in the API, and its name. */
  agency: string;
  agencyName: string;
  asOf: CalendarDate;
  policyVersion: string;
  matters: PublishedMatter[];
}

function published(matter: AgencyMatter, catalogUpdatedAt: Date): PublishedMatter {
  return {
    code: matter.code,
    title: matter.title,
    area: matter.area,
    legalBasis: matter.legalBasis,
    lists: [...matter.lists],
    benchmark: matter.benchmark,
    excludedFromLeniency: matter.excludedFromLeniency,
    exclusionReason: matter.exclusionReason ?? null,
    barredFrom: matter.barredFrom,
    effectiveFrom: matter.listEntry?.effectiveFrom ?? todayInShanghai(catalogUpdatedAt),
    source: matter.listEntry ? 'agency' : 'catalog',
  };
}

/** The agency's lists on `on`: every catalog matter, or only those on `list`. */
export async function publishedLists(
  db: Database,
  agency: AgencyRow,
  on: CalendarDate,
  list?: LeniencyList,
): Promise<PublishedLists> {
  const version = await policyVersionOn(db, agency.id, on);
  const policy = version?.policy ?? DEFAULT_POLICY;
  const all = await agencyMattersOn(db, agency.id, policy, on);
  return {
    agency: agency.id,
    agencyName: agency.name,
    asOf: on,
    policyVersion: policy.version,
    matters: all
      .map(({ matter, catalogUpdatedAt }) => published(matter, catalogUpdatedAt))
      .filter((m) => list === undefined || m.lists.includes(list)),
  };
}

const yesNo = (value: boolean) => (value ? '是' : '否');

/** The lists as a table with Chinese headers, one row per matter, as JSON lists them. */
export function listsCsv(lists: PublishedLists): string {
  const header = [
    '事项编码',
    '事项名称',
    '执法领域',
    '法律依据',
    ...LENIENCY_LISTS.map((l) => `${LIST_TITLES[l]}清单`),
    '罚款下限（元）',
    '罚款上限（元）',
    '裁量因素',
    '不适用柔性执法',
    '排除情形',
    '生效日期',
  ];
  const rows = lists.matters.map((m) => [
    m.code,
    m.title,
    AREA_TITLES[m.area],
    m.legalBasis,
    ...LENIENCY_LISTS.map((l) => yesNo(m.lists.includes(l))),
    m.benchmark.minFine,
    m.benchmark.maxFine,
    (m.benchmark.factors ?? []).join('；'),
    yesNo(m.excludedFromLeniency),
    m.exclusionReason ? EXCLUSION_TITLES[m.exclusionReason] : '',
    m.effectiveFrom,
  ]);
  return toCsv(header, rows);
}

export interface ListChange {
  agency: string;
  kind: 'list_entry' | 'policy';
  effectiveFrom: CalendarDate;
  recordedAt: string;
  reason: string;
  /** list_entry: the matter and what the agency now says of it. */
  matterCode?: string;
  title?: string;
  lists?: LeniencyList[];
  benchmark?: EnforcementMatter['benchmark'] | null;
  excluded?: string | false | null;
  /** policy: the version, and the exclusions that shape every list. */
  policyVersion?: string;
  excludedAreas?: readonly string[];
  conductExclusions?: Readonly<Record<string, readonly string[]>>;
}

/** Dated changes to the lists (of one agency, or all), newest first, each with its reason. */
export async function listChanges(db: Database, agency?: string): Promise<ListChange[]> {
  const [entries, versions] = await Promise.all([
    db
      .select({ entry: agencyListEntries, title: matters.matter })
      .from(agencyListEntries)
      .innerJoin(matters, eq(matters.code, agencyListEntries.matterCode))
      .where(agency === undefined ? undefined : eq(agencyListEntries.agency, agency)),
    db
      .select()
      .from(policyVersions)
      .where(agency === undefined ? undefined : eq(policyVersions.agency, agency)),
  ]);
  const listEntryChanges = entries.map(({ entry, title }): ListChange => {
    const e = listEntryOf(entry);
    return {
      agency: e.agency,
      kind: 'list_entry',
      effectiveFrom: e.effectiveFrom,
      recordedAt: entry.recordedAt.toISOString(),
      reason: e.reason,
      matterCode: e.matterCode,
      title: (title as EnforcementMatter).title,
      lists: [...e.lists],
      benchmark: e.benchmark ?? null,
      excluded: e.excluded ?? null,
    };
  });
  const policyChanges = versions.map((v): ListChange => {
    const settings = v.settings as { excludedAreas?: string[]; conductExclusions?: Record<string, string[]> };
    return {
      agency: v.agency,
      kind: 'policy',
      effectiveFrom: v.effectiveFrom,
      recordedAt: v.recordedAt.toISOString(),
      reason: v.reason,
      policyVersion: agencyPolicyVersion(v.agency, v.revision),
      excludedAreas: settings.excludedAreas ?? DEFAULT_POLICY.excludedAreas,
      conductExclusions: settings.conductExclusions ?? DEFAULT_POLICY.conductExclusions,
    };
  });
  return [...listEntryChanges, ...policyChanges].sort(
    (a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.recordedAt.localeCompare(a.recordedAt),
  );
}
