// Follow-up visits (回访) after every decision: officers record the visit of an observation period,
// a penalty record or an offset once its decision has called for one (a rectification's visit is a
// step of its own workflow, api/routes/rectifications.ts), and the register (回访台账) lists every
// visit, due or done, with the party's opinions; `.csv` exports it for Excel.
import { Readable } from 'node:stream';
import { and, asc, between, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { followUpVisits } from '../../db/schema';
import { followUpTaskKey } from '../../activities/followUps';
import { addDays, OPINIONS, PROCESS_TYPES, type ProcessType } from '../../domain';
import { observationView, offsetView, penaltyRecordView } from '../../workflows/messages';
import type { AppDeps } from '../app';
import type { QueryDefinition } from '@temporalio/common';
import { caseAccess, type CaseView } from '../cases';
import { csvHeaders, toCsv } from '../csv';
import { decisionFollowUpBody } from '../followUpSchemas';
import { agencyReach } from '../permissions';
import { route } from '../route';
import { byId, calendarDate } from '../schemas';
import { recordDueVisit } from '../services/registerVisits';
import { assertRange, DEFAULT_RANGE_DAYS } from './stats';

export const followUpVisit = z.object({
  processType: z.enum(PROCESS_TYPES),
  processId: z.string(),
  enterpriseId: z.string(),
  agency: z.string().nullable(),
  decision: z.string().describe("What was decided, as the credit file names it (e.g. 'observation_passed')"),
  decidedOn: z.string(),
  dueOn: z.string(),
  visitedOn: z.string().nullable(),
  corrected: z.boolean().nullable(),
  opinion: z.enum(OPINIONS).nullable(),
  comments: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
type Visit = z.infer<typeof followUpVisit>;

export const registerQuery = z
  .object({
    from: calendarDate.optional().describe('First day (a visit due or made on it counts); give both or neither'),
    to: calendarDate.optional().describe('Last day, included; before `from` is 422 INVALID_RANGE'),
    agency: z.string().min(1).max(100).optional().describe("Only this agency's visits (an officer: only their own)"),
  })
  // The document says no other parameter is taken: one is refused, not ignored.
  .strict()
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'give both from and to, or neither' })
  .meta({ title: 'range', dependentRequired: { from: ['to'], to: ['from'] }, additionalProperties: false });

const opinionCounts = z.object({ satisfied: z.int(), neutral: z.int(), dissatisfied: z.int() });
export const registerSchema = z.object({
  from: z.string(),
  to: z.string(),
  agency: z.string().nullable(),
  visits: z.array(followUpVisit).describe('By due date'),
  counts: z.object({ due: z.int(), visited: z.int(), opinions: opinionCounts }),
});

const toVisit = (row: typeof followUpVisits.$inferSelect): Visit => ({
  processType: row.processType,
  processId: row.processId,
  enterpriseId: row.enterpriseId,
  agency: row.agency,
  decision: row.decision,
  decidedOn: row.decidedOn,
  dueOn: row.dueOn,
  visitedOn: row.visitedOn,
  corrected: row.corrected,
  opinion: row.opinion,
  comments: row.comments,
  note: row.note,
  recordedBy: row.recordedBy,
});

/** The visits due or made within [from, to], of one agency or all. */
export async function visitsWithin(db: Database, scope: { from: string; to: string; agency?: string }) {
  const rows = await db
    .select()
    .from(followUpVisits)
    .where(
      and(
        or(
          between(followUpVisits.dueOn, scope.from, scope.to),
          between(followUpVisits.visitedOn, scope.from, scope.to),
        ),
        scope.agency === undefined ? undefined : eq(followUpVisits.agency, scope.agency),
      ),
    )
    .orderBy(asc(followUpVisits.dueOn), asc(followUpVisits.key));
  return rows.map(toVisit);
}

export const opinionsOf = (visits: readonly Pick<Visit, 'opinion'>[]) =>
  Object.fromEntries(OPINIONS.map((o) => [o, visits.filter((v) => v.opinion === o).length])) as z.infer<
    typeof opinionCounts
  >;

const CSV_COLUMNS: ReadonlyArray<[string, (v: Visit) => string | boolean | null]> = [
  ['案件类型', (v) => v.processType],
  ['案件编号', (v) => v.processId],
  ['统一社会信用代码', (v) => v.enterpriseId],
  ['执法机关', (v) => v.agency],
  ['决定', (v) => v.decision],
  ['决定日期', (v) => v.decidedOn],
  ['应回访日期', (v) => v.dueOn],
  ['回访日期', (v) => v.visitedOn],
  ['是否已改正', (v) => (v.corrected === null ? null : v.corrected ? '是' : '否')],
  ['当事人评价', (v) => v.opinion],
  ['当事人意见', (v) => v.comments],
  ['回访记录', (v) => v.note],
];

export function followUpRoutes(deps: AppDeps) {
  const { db, temporal, today } = deps;
  const kinds = [
    { base: '/observation-periods', type: 'observation_period', what: 'Observation period', view: observationView },
    { base: '/penalty-records', type: 'penalty_record', what: 'Penalty record', view: penaltyRecordView },
    { base: '/offsets', type: 'offset', what: 'Offset', view: offsetView },
  ] as const;

  /** Records the earliest visit due for the case, once: a second request finds none due (409). */
  async function recordVisit(
    processType: ProcessType,
    processId: string,
    principal: { sub: string; role: string },
    body: z.infer<typeof decisionFollowUpBody>,
  ): Promise<Visit> {
    return recordDueVisit(db, {
      what: 'follow-up visit',
      visitedOn: body.visitedOn,
      today: await today(),
      due: async (tx) =>
        (
          await tx
            .select()
            .from(followUpVisits)
            .where(and(eq(followUpVisits.processId, processId), isNull(followUpVisits.visitedOn)))
            .orderBy(asc(followUpVisits.dueOn))
            .limit(1)
            .for('update', { skipLocked: true })
        )[0],
      since: (due) => due.decidedOn,
      complete: async (tx, due, recordedAt) => {
        const [row] = await tx
          .update(followUpVisits)
          .set({ ...body, comments: body.comments ?? null, recordedBy: principal.sub, recordedAt })
          .where(and(eq(followUpVisits.key, due.key), isNull(followUpVisits.visitedOn)))
          .returning();
        return row && toVisit(row);
      },
      taskKey: (due) => followUpTaskKey(processId, due.key),
      audit: (due) => ({
        actor: principal.sub,
        role: principal.role,
        action: 'follow_up.recorded',
        entityType: processType,
        entityId: processId,
        reason: body.note,
        before: { decision: due.decision, dueOn: due.dueOn },
        after: { visitedOn: body.visitedOn, corrected: body.corrected, opinion: body.opinion },
      }),
    });
  }

  async function register(principal: Parameters<typeof agencyReach>[0], query: z.infer<typeof registerQuery>) {
    const to = query.to ?? (await today());
    const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
    assertRange(from, to);
    const agency = query.agency ?? agencyReach(principal);
    const visits = await visitsWithin(db, { from, to, ...(agency ? { agency } : {}) });
    const visited = visits.filter((v) => v.visitedOn !== null);
    return {
      from,
      to,
      agency: agency ?? null,
      visits,
      counts: { due: visits.length - visited.length, visited: visited.length, opinions: opinionsOf(visited) },
    };
  }
  const registerCommon = {
    tag: 'follow-ups',
    roles: ['officer', 'credit_staff', 'auditor', 'admin'] as const,
    scope: { kind: 'agency' as const, of: ({ query }: { query: z.infer<typeof registerQuery> }) => query.agency },
    query: registerQuery,
  };

  return [
    ...kinds.map(({ base, type, what, view }) =>
      route({
        method: 'post',
        path: `${base}/:id/follow-up`,
        summary: 'Record the follow-up visit after the decision (回访), with the party’s opinion',
        tag: 'follow-ups',
        roles: ['officer'],
        // Only the scope is used: where the case belongs, from the read model.
        scope: caseAccess({ db, temporal }, { what, type, view: view as QueryDefinition<CaseView> }).scope,
        params: byId,
        body: decisionFollowUpBody,
        responses: {
          201: { description: 'The visit as the register holds it', schema: followUpVisit },
          404: { description: 'No such case, or not yours' },
          409: {
            description: 'No visit is due for the case (none decided yet, or recorded)',
            codes: ['INVALID_STATE'],
          },
          422: {
            description: 'A visit before the decision or ahead of today',
            codes: ['DATE_IN_FUTURE', 'DATE_OUTSIDE_PERIOD'],
          },
        },
        handler: async ({ params, principal, body }) => ({
          status: 201,
          body: await recordVisit(type, params.id, principal, body),
        }),
      }),
    ),
    route({
      ...registerCommon,
      method: 'get',
      path: '/follow-ups',
      summary: 'The register of follow-up visits (回访台账): due or made within the range',
      responses: {
        200: { description: 'Visits by due date, with counts of opinions', schema: registerSchema },
        422: { description: 'A range that ends before it starts', codes: ['INVALID_RANGE'] },
      },
      handler: async ({ principal, query }) => ({ status: 200, body: await register(principal, query) }),
    }),
    route({
      ...registerCommon,
      method: 'get',
      path: '/follow-ups.csv',
      summary: 'The register as a table (CSV, UTF-8 with BOM, Chinese headers)',
      responses: {
        200: { description: 'One row per visit', contentType: 'text/csv' },
        422: { description: 'A range that ends before it starts', codes: ['INVALID_RANGE'] },
      },
      async handler({ principal, query }) {
        const { visits, from, to } = await register(principal, query);
        const body = toCsv(
          CSV_COLUMNS.map(([h]) => h),
          visits.map((v) => CSV_COLUMNS.map(([, value]) => value(v))),
        );
        return {
          status: 200,
          stream: Readable.from([body]),
          headers: csvHeaders(`回访台账-${from}_${to}.csv`, `follow-ups-${from}_${to}.csv`),
        };
      },
    }),
  ];
}
