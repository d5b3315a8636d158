// Work and oversight statistics (GET /stats): what flexible enforcement achieved over a period,
// computed by db/stats.ts over the read model. Officers see their own agency's figures only, as far
// as the permissions table lets them reach.
import { z } from 'zod';
import type { Database } from '../../db/client';
import {
  beneficiaryCounts,
  noPenaltySummary,
  onTimeCounts,
  processCounts,
  repairDecisionDates,
  type StatsScope,
} from '../../db/stats';
import { addDays, isBefore, workingDaysBetween, type CalendarDate } from '../../domain/calendar';
import { ApiError } from '../errors';
import type { AppDeps } from '../app';
import type { Principal } from '../auth';
import { agencyReach, UNSCOPED } from '../permissions';
import { route } from '../route';
import { calendarDate } from '../schemas';
import { PROCESS_TYPES } from './tasks';

/** The range when none is given: the last 365 days, today included. */
export const DEFAULT_RANGE_DAYS = 365;

export const statsQuery = z
  .object({
    from: calendarDate.optional().describe('First day of the range (Asia/Shanghai); give both or neither'),
    to: calendarDate
      .optional()
      .describe('Last day of the range, included; give both or neither; before `from` is 422 INVALID_RANGE'),
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

const processTypeCounts = z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) });

export const statsSchema = z.object({
  from: z.string().describe('First day of the range'),
  to: z.string().describe('Last day of the range, included'),
  agency: z.string().nullable().describe("The agency the figures are limited to (an officer's own); null for all"),
  byProcess: z.object({
    observation_period: processTypeCounts,
    rectification: processTypeCounts,
    penalty_record: processTypeCounts,
  }),
  noPenaltyCases: z.number().int().describe('Rectifications disposed `no_penalty` or `first_violation_no_penalty`'),
  beneficiaries: z
    .object({ legalPersons: z.number().int(), individuals: z.number().int() })
    .describe('Distinct enterprises with a no-penalty rectification or an observation period that passed'),
  finesWaived: z.number().describe('Sum of the fines the no-penalty rectifications waived, in yuan'),
  onTimeRectificationRate: z.object({
    rate: z.number().nullable().describe('onTime / accepted; null when no evidence was accepted'),
    onTime: z.number().int(),
    accepted: z.number().int().describe('Rectifications whose evidence was accepted'),
  }),
  medianRepairDecisionWorkingDays: z
    .number()
    .nullable()
    .describe('Median working days from application to decision of the repair applications decided in the range'),
});

export type Stats = z.infer<typeof statsSchema>;

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function computeStats(db: Database, scope: StatsScope): Promise<Stats> {
  const [counts, noPenalty, beneficiaries, onTime, decisions] = await Promise.all([
    processCounts(db, scope),
    noPenaltySummary(db, scope),
    beneficiaryCounts(db, scope),
    onTimeCounts(db, scope),
    repairDecisionDates(db, scope),
  ]);
  const byProcess = Object.fromEntries(
    PROCESS_TYPES.map((type) => {
      const rows = counts.filter((r) => r.processType === type);
      return [
        type,
        {
          total: rows.reduce((sum, r) => sum + r.count, 0),
          byStatus: Object.fromEntries(rows.map((r) => [r.status, r.count])),
        },
      ];
    }),
  ) as Stats['byProcess'];
  return {
    from: scope.from,
    to: scope.to,
    agency: scope.agency ?? null,
    byProcess,
    noPenaltyCases: noPenalty.cases,
    beneficiaries,
    finesWaived: noPenalty.finesWaived,
    onTimeRectificationRate: {
      rate: onTime.accepted === 0 ? null : onTime.onTime / onTime.accepted,
      ...onTime,
    },
    medianRepairDecisionWorkingDays: median(decisions.map((d) => workingDaysBetween(d.appliedOn, d.decidedOn))),
  };
}

function scopeOf(principal: Principal, from: CalendarDate, to: CalendarDate): StatsScope {
  const agency = agencyReach(principal);
  return agency === undefined ? { from, to } : { from, to, agency };
}

export function statsRoutes({ db, today }: Pick<AppDeps, 'db' | 'today'>) {
  return [
    route({
      method: 'get',
      path: '/stats',
      summary: 'Work and oversight statistics over a range of days',
      tag: 'oversight',
      roles: ['officer', 'credit_staff', 'auditor', 'admin'],
      scope: UNSCOPED,
      query: statsQuery,
      responses: {
        200: {
          description:
            'Processes count when opened within [from, to] (Asia/Shanghai days, both included); repair ' +
            'applications when decided within it. Give both `from` and `to` or neither: neither means the ' +
            `last ${DEFAULT_RANGE_DAYS} days, today included; \`from\` after \`to\` is 422. Officers get their ` +
            "own agency's figures; credit staff, auditors and admins every agency's.",
          schema: statsSchema,
        },
        422: { description: 'A range that ends before it starts', codes: ['INVALID_RANGE'] },
      },
      handler: async ({ principal, query }) => {
        const to = query.to ?? (await today());
        const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
        assertRange(from, to);
        return { status: 200, body: await computeStats(db, scopeOf(principal, from, to)) };
      },
    }),
  ];
}
