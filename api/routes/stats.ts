// Work and oversight statistics (GET /stats, GET /stats.csv): what flexible enforcement achieved
// over a period, as the policy documents count it (Panjin: cases not penalised, legal persons and
// individuals benefiting, fines waived; Tongliao: 两轻一免), totalled and optionally grouped by
// month, agency, area or matter; computed by db/stats.ts over the read model. Officers see their own
// agency's figures only, as far as the permissions table lets them reach.
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  beneficiaryFigures,
  followUpOpinionFigures,
  offsetFigures,
  processCounts,
  rectificationFigures,
  repairDecisionDates,
  STATS_GROUPINGS,
  TOTAL,
  type StatsGrouping,
  type StatsScope,
} from '../../db/stats';
import { addDays, ENFORCEMENT_AREAS, isBefore, workingDaysBetween, type CalendarDate } from '../../domain';
import { ApiError } from '../errors';
import type { AppDeps } from '../app';
import { agencyReach } from '../permissions';
import { route } from '../route';
import { calendarDate } from '../schemas';
import { PROCESS_TYPES } from '../../domain';
import { statsCsv } from '../services/statsTable';

/** The range when none is given: the last 365 days, today included. */
export const DEFAULT_RANGE_DAYS = 365;

export const statsQuery = z
  .object({
    from: calendarDate.optional().describe('First day of the range (Asia/Shanghai); give both or neither'),
    to: calendarDate
      .optional()
      .describe('Last day of the range, included; give both or neither; before `from` is 422 INVALID_RANGE'),
    groupBy: z
      .enum(STATS_GROUPINGS)
      .optional()
      .describe('Also give the figures per month (of opening; of the decision for repairs), agency, area or matter'),
    agency: z.string().min(1).max(100).optional().describe("Only this agency's cases (an officer: only their own)"),
    area: z.enum(ENFORCEMENT_AREAS).optional().describe('Only cases whose matter is of this area'),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: 'give both from and to, or neither',
    path: ['from'],
  })
  // One query parameter in the document, so that it can say that each of from and to needs the other.
  .meta({ title: 'range', dependentRequired: { from: ['to'], to: ['from'] }, additionalProperties: false });

/** `422 INVALID_RANGE` for a range that ends before it starts: a rule about two values, which no schema states. */
export function assertRange(from: CalendarDate, to: CalendarDate): void {
  if (isBefore(to, from))
    throw new ApiError(422, 'INVALID_RANGE', `The range from ${from} to ${to} ends before it starts.`, [{ from, to }]);
}

const int = z.number().int();
const processTypeCounts = z.object({ total: int, byStatus: z.record(z.string(), int) });

const figures = {
  byProcess: z.object({
    observation_period: processTypeCounts,
    rectification: processTypeCounts,
    penalty_record: processTypeCounts,
    offset: processTypeCounts,
  }),
  noPenaltyCases: int.describe(
    'Rectifications disposed no_penalty, first_violation_no_penalty or statutory_no_penalty',
  ),
  twoLightOneExempt: z
    .object({
      noPenalty: int.describe('No-penalty rectifications (免予处罚), as noPenaltyCases'),
      lighter: int.describe('lighter_penalty (从轻)'),
      mitigated: int.describe('mitigated_penalty (减轻)'),
      noCoercion: int.describe('Coercive measures waived (免予行政强制)'),
      cases: int.describe('Rectifications with any of the four, each once'),
    })
    .describe("Tongliao's 两轻一免"),
  beneficiaries: z
    .object({ legalPersons: int, individuals: int })
    .describe('Distinct enterprises with a no-penalty rectification, by kind'),
  observationPeriodsPassed: z
    .object({ cases: int, legalPersons: int, individuals: int })
    .describe('Observation periods passed and their distinct enterprises, counted apart from no-penalty cases'),
  finesWaived: z.object({
    yuan: z.number().describe('Waived fines of the no-penalty rectifications'),
    cases: int.describe('No-penalty rectifications counted'),
    estimated: int.describe(
      "Of those, how many had no waived fine from the officer: the agency benchmark's minimum (else 0)",
    ),
    offset: z
      .object({
        yuan: z.number().describe('Fines offset by public-interest service (公益抵罚), in full or pro rata'),
        cases: int.describe('Public-interest service cases that offset any part of a fine'),
      })
      .describe('Counted as waived, but apart from the no-penalty rectifications above'),
    totalYuan: z.number().describe('yuan plus offset.yuan'),
  }),
  onTimeRectificationRate: z.object({
    rate: z.number().nullable().describe('onTime / accepted; null when no evidence was accepted'),
    onTime: int,
    accepted: int.describe('Rectifications whose evidence was accepted'),
  }),
  followUpOpinions: z
    .object({ visits: int, satisfied: int, neutral: int, dissatisfied: int })
    .describe("Follow-up visits (回访) made in the range and the party's opinions of how it was treated"),
  medianRepairDecisionWorkingDays: z
    .number()
    .nullable()
    .describe('Median working days from application to decision of the repair applications decided in the range'),
};
const figuresSchema = z.object(figures);
export type Figures = z.infer<typeof figuresSchema>;

export const statsSchema = z.object({
  from: z.string().describe('First day of the range'),
  to: z.string().describe('Last day of the range, included'),
  agency: z.string().nullable().describe("The agency the figures are limited to (an officer's own); null for all"),
  area: z.string().nullable(),
  groupBy: z.enum(STATS_GROUPINGS).nullable(),
  ...figures,
  groups: z
    .array(
      z.object({ key: z.string().nullable().describe('Month YYYY-MM, agency id, area or matter code'), ...figures }),
    )
    .optional()
    .describe('With groupBy: the same figures per group, by key; null gathers cases without one'),
});
export type Stats = z.infer<typeof statsSchema>;

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** The figures of one key, from the rows of every query. */
function figuresOf(
  key: string | null,
  rows: {
    counts: Rows<typeof processCounts>;
    rectifications: Rows<typeof rectificationFigures>;
    beneficiaries: Rows<typeof beneficiaryFigures>;
    decisions: Rows<typeof repairDecisionDates>;
    offsets: Rows<typeof offsetFigures>;
    followUps: Rows<typeof followUpOpinionFigures>;
  },
): Figures {
  const mine = <R extends { key: string | null }>(list: R[]) => list.filter((r) => r.key === key);
  const counts = mine(rows.counts);
  const r = mine(rows.rectifications)[0];
  const b = mine(rows.beneficiaries)[0];
  const o = mine(rows.offsets)[0];
  const f = mine(rows.followUps)[0];
  const offsetYuan = Number(o?.yuan ?? 0);
  const noPenalty = r?.noPenalty ?? 0;
  const accepted = r?.accepted ?? 0;
  const onTime = r?.onTime ?? 0;
  return {
    byProcess: Object.fromEntries(
      PROCESS_TYPES.map((type) => {
        const ofType = counts.filter((c) => c.processType === type);
        const byStatus = Object.fromEntries(ofType.map((c) => [c.status, c.count]));
        return [type, { total: ofType.reduce((sum, c) => sum + c.count, 0), byStatus }];
      }),
    ) as Figures['byProcess'],
    noPenaltyCases: noPenalty,
    twoLightOneExempt: {
      noPenalty,
      lighter: r?.lighter ?? 0,
      mitigated: r?.mitigated ?? 0,
      noCoercion: r?.noCoercion ?? 0,
      cases: r?.cases ?? 0,
    },
    beneficiaries: { legalPersons: b?.legalPersons ?? 0, individuals: b?.individuals ?? 0 },
    observationPeriodsPassed: {
      cases: b?.passed ?? 0,
      legalPersons: b?.passedLegalPersons ?? 0,
      individuals: b?.passedIndividuals ?? 0,
    },
    finesWaived: {
      yuan: Number(r?.finesWaived ?? 0),
      cases: noPenalty,
      estimated: r?.finesEstimated ?? 0,
      offset: { yuan: offsetYuan, cases: o?.cases ?? 0 },
      // Summed in fen: both are amounts of at most two decimals.
      totalYuan: (Math.round(Number(r?.finesWaived ?? 0) * 100) + Math.round(offsetYuan * 100)) / 100,
    },
    onTimeRectificationRate: { rate: accepted === 0 ? null : onTime / accepted, onTime, accepted },
    followUpOpinions: {
      visits: f?.visits ?? 0,
      satisfied: f?.satisfied ?? 0,
      neutral: f?.neutral ?? 0,
      dissatisfied: f?.dissatisfied ?? 0,
    },
    medianRepairDecisionWorkingDays: median(
      mine(rows.decisions).map((d) => workingDaysBetween(d.appliedOn, d.decidedOn)),
    ),
  };
}

async function figuresByKey(db: Database, scope: StatsScope, groupBy?: StatsGrouping) {
  const [counts, rectifications, beneficiaries, decisions, offsets, followUps] = await Promise.all([
    processCounts(db, scope, groupBy),
    rectificationFigures(db, scope, groupBy),
    beneficiaryFigures(db, scope, groupBy),
    repairDecisionDates(db, scope, groupBy),
    offsetFigures(db, scope, groupBy),
    followUpOpinionFigures(db, scope, groupBy),
  ]);
  const rows = { counts, rectifications, beneficiaries, decisions, offsets, followUps };
  const keys = [
    ...new Set(
      [...counts, ...rectifications, ...beneficiaries, ...decisions, ...offsets, ...followUps].map((r) => r.key),
    ),
  ];
  // Keys in byte order, the cases without one (null) last.
  keys.sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return keys.map((key) => ({ key, ...figuresOf(key, rows) }));
}

export async function computeStats(db: Database, scope: StatsScope, groupBy?: StatsGrouping): Promise<Stats> {
  const [[totals], groups] = await Promise.all([
    figuresByKey(db, scope),
    groupBy === undefined ? undefined : figuresByKey(db, scope, groupBy),
  ]);
  const { key: _total, ...figures } = totals ?? {
    key: TOTAL,
    ...figuresOf(TOTAL, {
      counts: [],
      rectifications: [],
      beneficiaries: [],
      decisions: [],
      offsets: [],
      followUps: [],
    }),
  };
  return {
    from: scope.from,
    to: scope.to,
    agency: scope.agency ?? null,
    area: scope.area ?? null,
    groupBy: groupBy ?? null,
    ...figures,
    ...(groups ? { groups } : {}),
  };
}

type StatsQuery = z.infer<typeof statsQuery>;

export function statsRoutes({ db, today }: Pick<AppDeps, 'db' | 'today'>) {
  async function statsOf(principal: Parameters<typeof agencyReach>[0], query: StatsQuery): Promise<Stats> {
    const to = query.to ?? (await today());
    const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
    assertRange(from, to);
    const agency = query.agency ?? agencyReach(principal);
    return computeStats(
      db,
      { from, to, ...(agency ? { agency } : {}), ...(query.area ? { area: query.area } : {}) },
      query.groupBy,
    );
  }
  const common = {
    tag: 'oversight',
    roles: ['officer', 'credit_staff', 'auditor', 'admin'] as const,
    // An officer asking for another agency's figures is refused 403 before the handler runs.
    scope: { kind: 'agency' as const, of: ({ query }: { query: StatsQuery }) => query.agency },
    query: statsQuery,
  };
  const description =
    'Processes count when opened within [from, to] (Asia/Shanghai days, both included); repair ' +
    'applications when decided within it. Give both `from` and `to` or neither: neither means the ' +
    `last ${DEFAULT_RANGE_DAYS} days, today included; \`from\` after \`to\` is 422. Officers get their ` +
    "own agency's figures; credit staff, auditors and admins every agency's, or `agency`'s.";
  return [
    route({
      ...common,
      method: 'get',
      path: '/stats',
      summary: 'Work and oversight statistics over a range of days',
      responses: {
        200: { description, schema: statsSchema },
        422: { description: 'A range that ends before it starts', codes: ['INVALID_RANGE'] },
      },
      handler: async ({ principal, query }) => ({ status: 200, body: await statsOf(principal, query) }),
    }),
    route({
      ...common,
      method: 'get',
      path: '/stats.csv',
      summary: 'The same statistics as a table (CSV, UTF-8 with BOM, Chinese headers): one row per group and the total',
      responses: {
        200: { description, contentType: 'text/csv' },
        422: { description: 'A range that ends before it starts', codes: ['INVALID_RANGE'] },
      },
      async handler({ principal, query }) {
        const stats = await statsOf(principal, query);
        const { body, headers } = statsCsv(stats);
        return { status: 200, stream: Readable.from([body]), headers };
      },
    }),
  ];
}
