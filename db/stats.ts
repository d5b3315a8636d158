// Oversight statistics over the `processes` read model (and `enterprises` for the kind of each
// beneficiary): one small query per figure. A process counts when it was opened within the range
// (Shanghai calendar days); repair decisions count when they were made within it.
import { and, count, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { endOfDayInShanghai, startOfDayInShanghai, type CalendarDate } from '../domain/calendar';
import type { Database } from './client';
import { enterprises, processes } from './schema';

export interface StatsScope {
  from: CalendarDate;
  to: CalendarDate;
  /** Only this agency's processes (officers); every agency when omitted. */
  agency?: string;
}

/** The dispositions that waive the penalty (不予处罚, 首违不罚). */
export const NO_PENALTY_DISPOSITIONS = ['no_penalty', 'first_violation_no_penalty'] as const;

const agencyScope = (scope: StatsScope): SQL | undefined =>
  scope.agency === undefined ? undefined : eq(processes.agency, scope.agency);

/** Processes of the scope opened within [from, to], both days included. */
const openedWithin = (scope: StatsScope): SQL | undefined =>
  and(
    gte(processes.openedAt, startOfDayInShanghai(scope.from)),
    lt(processes.openedAt, endOfDayInShanghai(scope.to)),
    agencyScope(scope),
  );

const disposition = sql<string>`${processes.view}->>'disposition'`;
const isNoPenaltyRectification: SQL = sql`(${eq(processes.processType, 'rectification')} and ${inArray(disposition, [...NO_PENALTY_DISPOSITIONS])})`;

export function processCounts(db: Database, scope: StatsScope) {
  return db
    .select({ processType: processes.processType, status: processes.status, count: count() })
    .from(processes)
    .where(openedWithin(scope))
    .groupBy(processes.processType, processes.status);
}

/** How many no-penalty rectifications, and the fines they waived (yuan). */
export async function noPenaltySummary(
  db: Database,
  scope: StatsScope,
): Promise<{ cases: number; finesWaived: number }> {
  const [row] = await db
    .select({
      cases: count(),
      finesWaived: sql<number>`coalesce(sum((${processes.view}->>'waivedFine')::numeric), 0)::float8`,
    })
    .from(processes)
    .where(and(openedWithin(scope), isNoPenaltyRectification));
  return { cases: row?.cases ?? 0, finesWaived: Number(row?.finesWaived ?? 0) };
}

/**
 * Distinct enterprises that benefited from flexible treatment: a no-penalty rectification or an
 * observation period that passed, by kind. An enterprise missing from `enterprises` has no kind
 * and is left out.
 */
export async function beneficiaryCounts(
  db: Database,
  scope: StatsScope,
): Promise<{ legalPersons: number; individuals: number }> {
  const benefited = db
    .selectDistinct({ enterpriseId: processes.enterpriseId })
    .from(processes)
    .where(
      and(
        openedWithin(scope),
        sql`(${isNoPenaltyRectification} or (${processes.processType} = 'observation_period' and ${processes.status} = 'passed'))`,
      ),
    )
    .as('benefited');
  const rows = await db
    .select({ kind: enterprises.kind, count: count() })
    .from(benefited)
    .innerJoin(enterprises, eq(enterprises.id, benefited.enterpriseId))
    .groupBy(enterprises.kind);
  const of = (kind: string) => rows.find((r) => r.kind === kind)?.count ?? 0;
  return { legalPersons: of('legal_person'), individuals: of('individual') };
}

/** Rectifications whose evidence was accepted, and how many of them came in by the deadline. */
export async function onTimeCounts(db: Database, scope: StatsScope): Promise<{ accepted: number; onTime: number }> {
  const correctedOnTime = sql`${processes.view}->'correctedOnTime'`;
  const [row] = await db
    .select({
      accepted: count(),
      onTime: sql<number>`(count(*) filter (where ${correctedOnTime} = 'true'::jsonb))::int`,
    })
    .from(processes)
    .where(
      and(
        openedWithin(scope),
        eq(processes.processType, 'rectification'),
        sql`jsonb_typeof(${correctedOnTime}) = 'boolean'`,
      ),
    );
  return { accepted: row?.accepted ?? 0, onTime: Number(row?.onTime ?? 0) };
}

/**
 * Application and decision days of the repair applications approved or rejected within [from, to],
 * from the penalty records of the scope (whenever those were opened).
 */
export async function repairDecisionDates(
  db: Database,
  scope: StatsScope,
): Promise<Array<{ appliedOn: CalendarDate; decidedOn: CalendarDate }>> {
  const applications = db
    .select({ application: sql<unknown>`jsonb_array_elements(${processes.view}->'applications')`.as('application') })
    .from(processes)
    .where(and(eq(processes.processType, 'penalty_record'), agencyScope(scope)))
    .as('applications');
  const field = (name: string) => sql<CalendarDate>`${applications.application}->>${name}`;
  return db
    .select({ appliedOn: field('appliedOn'), decidedOn: field('decidedOn') })
    .from(applications)
    .where(
      and(
        sql`${field('status')} in ('approved', 'rejected')`,
        sql`(${field('decidedOn')})::date between ${scope.from}::date and ${scope.to}::date`,
      ),
    );
}
