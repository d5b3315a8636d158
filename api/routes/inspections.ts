// Inspections (检查) under graded supervision: officers plan routine or triggered inspections of
// their agency, within the enterprise's cap (api/services/inspections.ts), and record what each
// found; violations found leave the officer a task to order a rectification, closed by naming it.
import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../db/audit';
import { inspections, processes, tasks } from '../../db/schema';
import { INSPECTION_OUTCOMES, INSPECTION_TRIGGERS } from '../../domain';
import type { AppDeps } from '../app';
import { ApiError } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { calendarDate, text, uscc } from '../schemas';
import { planInspection, recordInspectionResult, requireInspection, type InspectionRow } from '../services/inspections';
import { matterCode } from './catalog';
import { STAFF } from './agencies';

export const newInspection = z
  .object({
    enterpriseId: uscc,
    kind: z.enum(['routine', 'triggered']),
    trigger: z
      .object({ type: z.enum(INSPECTION_TRIGGERS), ref: text(200).describe('The complaint, referral, signal or case') })
      .strict()
      .optional()
      .describe('Required for a triggered inspection, refused for a routine one'),
    plannedOn: calendarDate,
    matters: z
      .array(matterCode)
      .min(1)
      .max(20)
      .refine((m) => new Set(m).size === m.length, 'must not name a matter twice')
      .meta({ uniqueItems: true }),
  })
  .strict()
  .refine((b) => (b.kind === 'triggered') === (b.trigger !== undefined), {
    message: 'a triggered inspection needs its trigger; a routine one has none',
    path: ['trigger'],
  })
  .meta({
    oneOf: [
      { properties: { kind: { const: 'routine' } }, not: { required: ['trigger'] } },
      { properties: { kind: { const: 'triggered' } }, required: ['trigger'] },
    ],
  });

export const inspectionResult = z
  .object({ doneOn: calendarDate, findings: text(4000), outcome: z.enum(INSPECTION_OUTCOMES) })
  .strict();

const rectificationLink = z.object({ rectificationId: z.uuid() }).strict();

const window = z.object({ from: z.string(), to: z.string() });
export const inspectionSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  agency: z.string(),
  kind: z.enum(['routine', 'triggered']),
  trigger: z.object({ type: z.enum(INSPECTION_TRIGGERS), ref: z.string() }).nullable(),
  plannedOn: z.string(),
  matters: z.array(z.string()),
  status: z.enum(['planned', 'done']),
  jointWith: z
    .string()
    .nullable()
    .describe("A joint visit (进一次门、查多项事): the other agency's inspection this one joins, on its day"),
  capCheck: z
    .object({
      grade: z.enum(['A', 'B', 'C', 'D']),
      gradeFrom: z.enum(['supervision_list', 'rating']),
      whitelisted: z.boolean(),
      cap: z.number().nullable(),
      used: z.number(),
      window,
    })
    .nullable()
    .describe('Routine only: what the cap was checked against'),
  doneOn: z.string().nullable(),
  findings: z.string().nullable(),
  outcome: z.enum(INSPECTION_OUTCOMES).nullable(),
  rectificationId: z.string().optional().describe('The rectification ordered on violations found, once named'),
  createdBy: z.string(),
  createdAt: z.string(),
});

const toView = (row: InspectionRow): z.infer<typeof inspectionSchema> => ({
  id: row.id,
  enterpriseId: row.enterpriseId,
  agency: row.agency,
  kind: row.kind,
  trigger: (row.trigger as z.infer<typeof inspectionSchema>['trigger']) ?? null,
  plannedOn: row.plannedOn,
  matters: row.matters as string[],
  status: row.status,
  jointWith: row.jointWith,
  capCheck: (row.capCheck as z.infer<typeof inspectionSchema>['capCheck']) ?? null,
  doneOn: row.doneOn,
  findings: row.findings,
  outcome: row.outcome,
  ...(row.rectificationId ? { rectificationId: row.rectificationId } : {}),
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

const inspectionQuery = z.object({
  enterpriseId: uscc.optional(),
  from: calendarDate.optional().describe('Planned on or after'),
  to: calendarDate.optional().describe('Planned on or before'),
});
const byId = z.object({ id: z.uuid() });

export function inspectionRoutes(deps: AppDeps) {
  const { db } = deps;
  return [
    route({
      method: 'post',
      path: '/inspections',
      summary: 'Plan an inspection of an enterprise for the officer’s agency',
      tag: 'supervision',
      roles: ['officer'],
      scope: UNSCOPED,
      body: newInspection,
      responses: {
        201: {
          description: 'Planned; `jointWith` set when it joins another agency’s visit of a whitelisted enterprise',
          schema: inspectionSchema,
        },
        422: {
          description: 'Over the routine cap, an enterprise not registered, or a matter not in the catalog',
          codes: ['INSPECTION_CAP', 'UNKNOWN_ENTERPRISE', 'UNKNOWN_MATTER'],
        },
      },
      async handler({ body, principal, req }) {
        const row = await planInspection(db, principal, body, await deps.today(), String(req.id));
        return { status: 201, body: toView(row) };
      },
    }),
    route({
      method: 'get',
      path: '/inspections',
      summary: 'Inspections, by planned date',
      tag: 'supervision',
      roles: [...STAFF, 'business'],
      scope: UNSCOPED,
      query: inspectionQuery,
      responses: {
        200: {
          description: 'A business sees its own only',
          schema: z.object({ inspections: z.array(inspectionSchema) }),
        },
      },
      async handler({ query, principal }) {
        const enterpriseId = principal.role === 'business' ? principal.enterpriseId! : query.enterpriseId;
        const rows = await db
          .select()
          .from(inspections)
          .where(
            and(
              enterpriseId ? eq(inspections.enterpriseId, enterpriseId) : undefined,
              query.from ? gte(inspections.plannedOn, query.from) : undefined,
              query.to ? lte(inspections.plannedOn, query.to) : undefined,
            ),
          )
          .orderBy(asc(inspections.plannedOn), asc(inspections.createdAt))
          .limit(1000);
        return { status: 200, body: { inspections: rows.map(toView) } };
      },
    }),
    route({
      method: 'post',
      path: '/inspections/:id/result',
      summary: 'Record what an inspection found',
      tag: 'supervision',
      roles: ['officer'],
      scope: UNSCOPED,
      params: byId,
      body: inspectionResult,
      responses: {
        200: { description: 'Done; violations found open a task to order a rectification', schema: inspectionSchema },
        404: { description: 'No such inspection of your agency', codes: ['NOT_FOUND'] },
        409: { description: 'It already has its result', codes: ['INVALID_STATE'] },
        422: { description: 'Dated ahead of today', codes: ['DATE_IN_FUTURE'] },
      },
      async handler({ params, body, principal, req }) {
        const inspection = await requireInspection(db, params.id, principal);
        const done = await recordInspectionResult(db, principal, inspection, body, await deps.today(), String(req.id));
        return { status: 200, body: toView(done) };
      },
    }),
    route({
      method: 'post',
      path: '/inspections/:id/rectification',
      summary: 'Name the rectification ordered on what an inspection found, closing its task',
      tag: 'supervision',
      roles: ['officer'],
      scope: UNSCOPED,
      params: byId,
      body: rectificationLink,
      responses: {
        200: { description: 'Linked', schema: inspectionSchema },
        404: { description: 'No such inspection of your agency', codes: ['NOT_FOUND'] },
        409: { description: 'It found no violations, or is linked already', codes: ['INVALID_STATE'] },
        422: { description: 'No such rectification of this enterprise and agency', codes: ['UNKNOWN_RECTIFICATION'] },
      },
      async handler({ params, body, principal, req }) {
        const inspection = await requireInspection(db, params.id, principal);
        const [rectification] = await db
          .select({ id: processes.id })
          .from(processes)
          .where(
            and(
              eq(processes.id, body.rectificationId),
              eq(processes.processType, 'rectification'),
              eq(processes.enterpriseId, inspection.enterpriseId),
              eq(processes.agency, inspection.agency),
            ),
          );
        if (!rectification)
          throw new ApiError(
            422,
            'UNKNOWN_RECTIFICATION',
            'No rectification of this enterprise by your agency has that id.',
          );
        const linked = await db.transaction(async (tx) => {
          const [row] = await tx
            .update(inspections)
            .set({ rectificationId: rectification.id })
            .where(
              and(
                eq(inspections.id, inspection.id),
                eq(inspections.outcome, 'violations_found'),
                isNull(inspections.rectificationId),
              ),
            )
            .returning();
          if (!row)
            throw new ApiError(
              409,
              'INVALID_STATE',
              'The inspection found no violations, or names its rectification already.',
            );
          await tx
            .update(tasks)
            .set({ closedAt: new Date() })
            .where(and(eq(tasks.key, `inspection:${row.id}:rectification`), isNull(tasks.closedAt)));
          await recordAudit(tx, {
            actor: principal.sub,
            role: principal.role,
            action: 'inspection.rectification_ordered',
            entityType: 'inspection',
            entityId: row.id,
            after: { rectificationId: rectification.id },
            requestId: String(req.id),
          });
          return row;
        });
        return { status: 200, body: toView(linked) };
      },
    }),
  ];
}
