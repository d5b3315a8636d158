// The proactive repair service (主动信用修复, Nanhu): credit staff see the penalty records that are
// repair-eligible now or will be within N days, whether the enterprise was told (主动告知) and
// whether it was visited (三员走访), and record each visit, which completes its `repair_visit` task.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { creditFileEntries, processes, repairVisits } from '../../db/schema';
import { repairVisitTaskKey } from '../../activities/repairVisits';
import { addDays, REPAIR_VISIT_OUTCOMES } from '../../domain';
import { PENALTY_RECORD_FINAL, penaltyRecordView, penaltyRecordWorkflowId } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caseAccess } from '../cases';
import { route } from '../route';
import { recordDueVisit } from '../services/registerVisits';
import { byId, calendarDate, text } from '../schemas';

export const repairServiceQuery = z.object({
  agency: z.string().min(1).max(100).optional().describe("Only this agency's records"),
  within: z.coerce.number().int().min(0).max(365).default(30).describe('Days ahead: records eligible by then'),
});

const visitSchema = z.object({
  dueOn: z.string(),
  visitedOn: z.string().nullable(),
  outcome: z.enum(REPAIR_VISIT_OUTCOMES).nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});

export const repairServiceSchema = z.object({
  asOf: z.string(),
  within: z.int(),
  agency: z.string().nullable(),
  records: z
    .array(
      z.object({
        penaltyRecordId: z.string(),
        enterpriseId: z.string(),
        agency: z.string().nullable(),
        decisionNo: z.string(),
        status: z.string(),
        repairEligibleFrom: z.string(),
        eligibleNow: z.boolean(),
        told: z.boolean().describe('The enterprise was told it may apply (主动告知)'),
        toldOn: z.string().nullable(),
        visited: z.boolean(),
        visit: visitSchema.nullable().describe('The latest visit due or made since the record became eligible'),
      }),
    )
    .describe('By eligibility date'),
});

export const repairVisitBody = z.object({
  visitedOn: calendarDate.describe('From the day the record became eligible to today'),
  outcome: z.enum(REPAIR_VISIT_OUTCOMES),
  note: text(5000),
});

export function repairServiceRoutes({ db, temporal, today }: AppDeps) {
  const records = caseAccess(
    { db, temporal },
    {
      what: 'Penalty record',
      workflowId: penaltyRecordWorkflowId,
      type: 'penalty_record',
      view: penaltyRecordView,
      final: PENALTY_RECORD_FINAL,
    },
  );

  async function list(query: z.infer<typeof repairServiceQuery>) {
    const asOf = await today();
    const horizon = addDays(asOf, query.within);
    const eligibleFrom = sql<string>`${processes.view}->>'repairEligibleFrom'`;
    const rows = await db
      .select({
        id: processes.id,
        enterpriseId: processes.enterpriseId,
        agency: processes.agency,
        status: processes.status,
        decisionNo: sql<string>`${processes.view}->>'decisionNo'`,
        eligibleFrom,
      })
      .from(processes)
      .where(
        and(
          eq(processes.processType, 'penalty_record'),
          query.agency === undefined ? undefined : eq(processes.agency, query.agency),
          or(
            eq(processes.status, 'repair_eligible'),
            and(eq(processes.status, 'published'), sql`(${eligibleFrom})::date <= ${horizon}::date`),
          ),
        ),
      )
      .orderBy(asc(eligibleFrom), asc(processes.id));
    const ids = rows.map((r) => r.id);
    const [told, visits] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            db
              .select({ id: creditFileEntries.processId, on: creditFileEntries.occurredOn })
              .from(creditFileEntries)
              .where(
                and(
                  inArray(creditFileEntries.processId, ids),
                  eq(creditFileEntries.kind, 'penalty_record_repair_eligible'),
                ),
              ),
            db
              .select()
              .from(repairVisits)
              .where(inArray(repairVisits.penaltyRecordId, ids))
              .orderBy(asc(repairVisits.dueOn)),
          ]);
    return {
      asOf,
      within: query.within,
      agency: query.agency ?? null,
      records: rows.map((r) => {
        const toldOn = told.find((t) => t.id === r.id)?.on ?? null;
        const visit = visits.filter((v) => v.penaltyRecordId === r.id).at(-1);
        return {
          penaltyRecordId: r.id,
          enterpriseId: r.enterpriseId,
          agency: r.agency,
          decisionNo: r.decisionNo,
          status: r.status,
          repairEligibleFrom: r.eligibleFrom,
          eligibleNow: r.status === 'repair_eligible',
          told: toldOn !== null,
          toldOn,
          visited: Boolean(visit?.visitedOn),
          visit: visit
            ? {
                dueOn: visit.dueOn,
                visitedOn: visit.visitedOn,
                outcome: visit.outcome as (typeof REPAIR_VISIT_OUTCOMES)[number] | null,
                note: visit.note,
                recordedBy: visit.recordedBy,
              }
            : null,
        };
      }),
    };
  }

  /** Records the visit due for the record, once: a second request finds none due (409). */
  async function recordVisit(
    id: string,
    principal: { sub: string; role: string },
    body: z.infer<typeof repairVisitBody>,
  ) {
    return recordDueVisit(db, {
      what: 'repair visit',
      visitedOn: body.visitedOn,
      today: await today(),
      due: async (tx) =>
        (
          await tx
            .select()
            .from(repairVisits)
            .where(and(eq(repairVisits.penaltyRecordId, id), isNull(repairVisits.visitedOn)))
            .orderBy(asc(repairVisits.dueOn))
            .limit(1)
            .for('update', { skipLocked: true })
        )[0],
      since: (due) => due.eligibleOn,
      complete: async (tx, due, recordedAt) => {
        const [row] = await tx
          .update(repairVisits)
          .set({ ...body, recordedBy: principal.sub, recordedAt })
          .where(and(eq(repairVisits.key, due.key), isNull(repairVisits.visitedOn)))
          .returning();
        return (
          row && {
            dueOn: row.dueOn,
            visitedOn: row.visitedOn,
            outcome: body.outcome,
            note: row.note,
            recordedBy: row.recordedBy,
          }
        );
      },
      taskKey: (due) => repairVisitTaskKey(id, due.key),
      audit: () => ({
        actor: principal.sub,
        role: principal.role,
        action: 'penalty_record.repair_visited',
        entityType: 'penalty_record',
        entityId: id,
        reason: body.note,
        after: { visitedOn: body.visitedOn, outcome: body.outcome },
      }),
    });
  }

  return [
    route({
      method: 'get',
      path: '/repair-service',
      summary: 'Penalty records repair-eligible now or within N days, told and visited or not (主动信用修复)',
      tag: 'penalty-records',
      roles: ['credit_staff', 'auditor', 'admin'],
      scope: { kind: 'agency', of: ({ query }: { query: z.infer<typeof repairServiceQuery> }) => query.agency },
      query: repairServiceQuery,
      responses: { 200: { description: 'The records, by eligibility date', schema: repairServiceSchema } },
      handler: async ({ query }) => ({ status: 200, body: await list(query) }),
    }),
    route({
      method: 'post',
      path: '/penalty-records/:id/visits',
      summary: 'Record a repair visit (三员走访), completing its task',
      tag: 'penalty-records',
      roles: ['credit_staff'],
      scope: records.scope,
      params: byId,
      body: repairVisitBody,
      responses: {
        201: { description: 'The visit', schema: visitSchema },
        404: { description: 'No such record' },
        409: { description: 'No visit is due (not eligible yet, or recorded)', codes: ['INVALID_STATE'] },
        422: {
          description: 'A visit before eligibility or ahead of today',
          codes: ['DATE_IN_FUTURE', 'DATE_OUTSIDE_PERIOD'],
        },
      },
      handler: async ({ params, principal, body }) => ({
        status: 201,
        body: await recordVisit(params.id, principal, body),
      }),
    }),
  ];
}
