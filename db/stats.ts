// Oversight statistics over the `processes` read model, joined with `enterprises` (the kind of
// each beneficiary) and the catalog (the area of each matter): one query per kind of figure, each
// grouped by a key (month, agency, area or matter; one key for the totals). A process counts when
// it was opened within the range (Shanghai calendar days); a repair decision when it was made
// within it. What each figure means is in docs/policies.md ("Statistics").
import { and, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { endOfDayInShanghai, startOfDayInShanghai, type CalendarDate } from '../domain/calendar';
import { NO_PENALTY_DISPOSITIONS } from '../domain/rectification';
import type { Database } from './client';
import { enterprises, followUpVisits, matters, processes } from './schema';

export const STATS_GROUPINGS = ['month', 'agency', 'area', 'matter'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];

export interface StatsScope {
  from: CalendarDate;
  to: CalendarDate;
  /** Only this agency's processes; every agency when omitted. */
  agency?: string;
  /** Only processes whose matter is of this area. */
  area?: string;
}

/** The key of the totals, when nothing is grouped. */
export const TOTAL = '';

// China has kept UTC+8 all year round since 1992: Shanghai's wall clock is UTC plus 8 hours.
const shanghaiMonth = (instant: SQL | typeof processes.openedAt) =>
  sql<string>`to_char((${instant} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;

/** The grouping key of a process row (processes left-joined with matters). */
function processKey(groupBy: StatsGrouping | undefined): SQL<string | null> {
  switch (groupBy) {
    case undefined:
      return sql.raw(`''::text`) as SQL<string | null>;
    case 'month':
      return shanghaiMonth(processes.openedAt);
    case 'agency':
      return sql`${processes.agency}`;
    case 'area':
      return sql`${matters.area}`;
    case 'matter':
      return sql`${processes.matterCode}`;
  }
}

const inScope = (scope: StatsScope): SQL | undefined =>
  and(
    scope.agency === undefined ? undefined : eq(processes.agency, scope.agency),
    scope.area === undefined ? undefined : eq(matters.area, scope.area),
  );

/** Processes of the scope opened within [from, to], both days included. */
const openedWithin = (scope: StatsScope): SQL | undefined =>
  and(
    gte(processes.openedAt, startOfDayInShanghai(scope.from)),
    lt(processes.openedAt, endOfDayInShanghai(scope.to)),
    inScope(scope),
  );

const view = (field: string) => sql`${processes.view}->>${field}`;
const disposition = view('disposition');
const noPenalty = sql`${disposition} in (${sql.join(
  NO_PENALTY_DISPOSITIONS.map((d) => sql`${d}`),
  sql`, `,
)})`;
const isRectification = eq(processes.processType, 'rectification');
const filtered = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;
const distinctEnterprises = (condition: SQL, kind: 'legal_person' | 'individual') =>
  sql<number>`(count(distinct ${processes.enterpriseId}) filter (where ${condition} and ${enterprises.kind} = ${kind}))::int`;

/** Figures of the process rows that pass `where`, one row per key (one row in all for the totals). */
function grouped<T extends Record<string, SQL.Aliased | SQL>>(
  db: Database,
  groupBy: StatsGrouping | undefined,
  columns: T,
  where: SQL | undefined,
) {
  const key = processKey(groupBy);
  const query = db
    .select({ key: key.as('key'), ...columns })
    .from(processes)
    .leftJoin(matters, eq(matters.code, processes.matterCode))
    .leftJoin(enterprises, eq(enterprises.id, processes.enterpriseId))
    .where(where)
    .$dynamic();
  return groupBy === undefined ? query : query.groupBy(key);
}

export function processCounts(db: Database, scope: StatsScope, groupBy?: StatsGrouping) {
  const key = processKey(groupBy);
  return db
    .select({ key: key.as('key'), processType: processes.processType, status: processes.status, count: count() })
    .from(processes)
    .leftJoin(matters, eq(matters.code, processes.matterCode))
    .where(openedWithin(scope))
    .groupBy(...(groupBy === undefined ? [] : [key]), processes.processType, processes.status);
}

/**
 * The rectifications' figures: 两轻一免 by kind (a case with several counts once in `cases`), the
 * fines the no-penalty ones waived and how many of those were estimated from the benchmark, and
 * how many had evidence accepted, on time or not.
 */
export function rectificationFigures(db: Database, scope: StatsScope, groupBy?: StatsGrouping) {
  const lighter = sql`${disposition} = 'lighter_penalty'`;
  const mitigated = sql`${disposition} = 'mitigated_penalty'`;
  const noCoercion = sql`${view('noCoercion')} = 'true'`;
  const corrected = sql`${processes.view}->'correctedOnTime'`;
  return grouped(
    db,
    groupBy,
    {
      noPenalty: filtered(noPenalty),
      lighter: filtered(lighter),
      mitigated: filtered(mitigated),
      noCoercion: filtered(noCoercion),
      cases: filtered(sql`${noPenalty} or ${lighter} or ${mitigated} or ${noCoercion}`),
      finesWaived: sql<number>`coalesce(sum((${view('waivedFine')})::numeric) filter (where ${noPenalty}), 0)::float8`,
      finesEstimated: filtered(sql`${noPenalty} and ${view('waivedFineEstimated')} = 'true'`),
      accepted: filtered(sql`jsonb_typeof(${corrected}) = 'boolean'`),
      onTime: filtered(sql`${corrected} = 'true'::jsonb`),
    },
    and(openedWithin(scope), isRectification),
  );
}

/**
 * Who benefited: distinct enterprises of no-penalty rectifications (Panjin's 受益法人和自然人), and,
 * apart, observation periods passed and their distinct enterprises. An enterprise missing from
 * `enterprises` has no kind and is left out of the distinct counts.
 */
export function beneficiaryFigures(db: Database, scope: StatsScope, groupBy?: StatsGrouping) {
  const passed = sql`${processes.processType} = 'observation_period' and ${processes.status} = 'passed'`;
  const waived = sql`${isRectification} and ${noPenalty}`;
  return grouped(
    db,
    groupBy,
    {
      legalPersons: distinctEnterprises(waived, 'legal_person'),
      individuals: distinctEnterprises(waived, 'individual'),
      passed: filtered(passed),
      passedLegalPersons: distinctEnterprises(passed, 'legal_person'),
      passedIndividuals: distinctEnterprises(passed, 'individual'),
    },
    openedWithin(scope),
  );
}

/**
 * Fines offset by public-interest service (公益抵罚), in full or pro rata: the yuan its concluded
 * cases offset, and how many offset anything. Counted as waived, apart from the rectifications'.
 */
export function offsetFigures(db: Database, scope: StatsScope, groupBy?: StatsGrouping) {
  const offset = sql`coalesce((${processes.view}->'outcome'->>'offset')::numeric, 0)`;
  return grouped(
    db,
    groupBy,
    {
      yuan: sql<number>`coalesce(sum(${offset}), 0)::float8`,
      cases: filtered(sql`${offset} > 0`),
    },
    and(openedWithin(scope), eq(processes.processType, 'offset')),
  );
}

/**
 * Application and decision days of the repair applications approved or rejected within [from, to],
 * from the penalty records of the scope (whenever those were opened), with the key of each: for a
 * monthly grouping the month of the decision, else the record's agency, area or matter.
 */
export async function repairDecisionDates(
  db: Database,
  scope: StatsScope,
  groupBy?: StatsGrouping,
): Promise<Array<{ key: string | null; appliedOn: CalendarDate; decidedOn: CalendarDate }>> {
  const applications = db
    .select({
      application: sql<unknown>`jsonb_array_elements(${processes.view}->'applications')`.as('application'),
      recordKey: processKey(groupBy === 'month' ? undefined : groupBy).as('record_key'),
    })
    .from(processes)
    .leftJoin(matters, eq(matters.code, processes.matterCode))
    .where(and(eq(processes.processType, 'penalty_record'), inScope(scope)))
    .as('applications');
  const field = (name: string) => sql<CalendarDate>`${applications.application}->>${name}`;
  const key =
    groupBy === 'month'
      ? sql<string>`substr(${field('decidedOn')}, 1, 7)`
      : sql<string | null>`${applications.recordKey}`;
  return db
    .select({ key, appliedOn: field('appliedOn'), decidedOn: field('decidedOn') })
    .from(applications)
    .where(
      and(
        sql`${field('status')} in ('approved', 'rejected')`,
        sql`(${field('decidedOn')})::date between ${scope.from}::date and ${scope.to}::date`,
      ),
    );
}

/**
 * The party's opinions at the follow-up visits made within [from, to] (回访), of the scope's cases,
 * with the key of each: the month of the visit, else the case's agency, area or matter.
 */
export function followUpOpinionFigures(db: Database, scope: StatsScope, groupBy?: StatsGrouping) {
  const key =
    groupBy === 'month'
      ? sql<string>`substr(${followUpVisits.visitedOn}::text, 1, 7)`
      : groupBy === 'agency'
        ? sql<string | null>`${followUpVisits.agency}`
        : processKey(groupBy);
  const opinion = (o: string) => filtered(sql`${followUpVisits.opinion} = ${o}`);
  const query = db
    .select({
      key: key.as('key'),
      visits: sql<number>`count(*)::int`,
      satisfied: opinion('satisfied'),
      neutral: opinion('neutral'),
      dissatisfied: opinion('dissatisfied'),
    })
    .from(followUpVisits)
    .leftJoin(processes, eq(processes.id, followUpVisits.processId))
    .leftJoin(matters, eq(matters.code, processes.matterCode))
    .where(
      and(
        sql`${followUpVisits.visitedOn} between ${scope.from}::date and ${scope.to}::date`,
        scope.agency === undefined ? undefined : eq(followUpVisits.agency, scope.agency),
        scope.area === undefined ? undefined : eq(matters.area, scope.area),
      ),
    )
    .$dynamic();
  return groupBy === undefined ? query : query.groupBy(key);
}
