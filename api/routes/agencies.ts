// Agencies (执法机关) as a resource: admins register and name them; an agency first met in a token
// or a case is registered on the spot (api/services/agencies.ts) and named later here.
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { agencyProfile, type AgencyRow } from '../../db/agencies';
import { createAudited, recordAudit } from '../../db/audit';
import type { Database } from '../../db/client';
import { agencies } from '../../db/schema';
import { roles } from '../auth';
import { ApiError, notFound } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { text } from '../schemas';

/** An agency named in a path: any id a token or a case may carry. */
export const byAgency = z.object({
  agency: z.string().min(1).max(100).describe('Agency id, e.g. `SAMR-HZ`'),
});

/** Staff roles: every role but the business. */
export const STAFF = roles.filter((role) => role !== 'business');

const newAgency = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'is not an agency id (letters, digits, ".", "_", "-"; at most 64)')
    .describe('The id officers’ tokens carry in their `agency` claim'),
  name: text(200),
  shortName: text(20).describe('Used in document numbers, e.g. 盘市监 in 盘市监柔〔2026〕0001号'),
  region: text(200).optional(),
});

const agencyChange = z
  .object({
    name: text(200).optional(),
    shortName: text(20).optional(),
    region: text(200).nullable().optional().describe('null clears it'),
    reason: text(2000).describe('Why; kept in the audit trail'),
  })
  .refine((b) => b.name !== undefined || b.shortName !== undefined || b.region !== undefined, {
    message: 'change at least one of name, shortName, region',
    path: ['name'],
  })
  // As the document says it: at least one of them.
  .meta({ anyOf: [{ required: ['name'] }, { required: ['shortName'] }, { required: ['region'] }] });

export const agencySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  region: z.string().nullable(),
  origin: z
    .enum(['admin', 'first_use', 'example'])
    .describe('Registered by an admin, met first in a token or a case, or seeded as an example'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const toView = (row: AgencyRow): z.infer<typeof agencySchema> => ({
  ...agencyProfile(row),
  origin: row.origin,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export function agencyRoutes(db: Database) {
  return [
    route({
      method: 'get',
      path: '/agencies',
      summary: 'Agencies, by id',
      tag: 'agencies',
      roles,
      scope: UNSCOPED,
      responses: { 200: { description: 'Every agency', schema: z.object({ agencies: z.array(agencySchema) }) } },
      async handler() {
        const rows = await db
          .select()
          .from(agencies)
          .orderBy(sql`${agencies.id} collate "C"`, asc(agencies.createdAt));
        return { status: 200, body: { agencies: rows.map(toView) } };
      },
    }),
    route({
      method: 'post',
      path: '/agencies',
      summary: 'Register an agency',
      tag: 'agencies',
      roles: ['admin'],
      scope: UNSCOPED,
      body: newAgency,
      responses: {
        201: { description: 'Registered, with the default policy until one is stored', schema: agencySchema },
        409: {
          description: 'Registered already (name one met on first use with PATCH)',
          codes: ['ALREADY_EXISTS'],
        },
      },
      async handler({ body, principal, req }) {
        const row = await createAudited(
          db,
          async (tx) =>
            (
              await tx
                .insert(agencies)
                .values({ ...body, region: body.region ?? null, origin: 'admin', createdBy: principal.sub })
                .onConflictDoNothing()
                .returning()
            )[0],
          () => new ApiError(409, 'ALREADY_EXISTS', `Agency ${body.id} is already registered.`),
          (created) => ({
            actor: principal.sub,
            role: principal.role,
            action: 'agency.registered',
            entityType: 'agency',
            entityId: created.id,
            after: toView(created),
            requestId: String(req.id),
          }),
        );
        return { status: 201, body: toView(row) };
      },
    }),
    route({
      method: 'patch',
      path: '/agencies/:agency',
      summary: 'Name an agency, or change its short name or region',
      tag: 'agencies',
      roles: ['admin'],
      scope: UNSCOPED,
      params: byAgency,
      body: agencyChange,
      responses: {
        200: { description: 'The agency as changed', schema: agencySchema },
        404: { description: 'No such agency', codes: ['NOT_FOUND'] },
      },
      async handler({ params, body, principal, req }) {
        const { reason, ...change } = body;
        const row = await db.transaction(async (tx) => {
          const [before] = await tx.select().from(agencies).where(eq(agencies.id, params.agency)).for('update');
          if (!before) throw notFound('Agency');
          const [after] = await tx
            .update(agencies)
            .set({ ...change, updatedAt: sql`now()` })
            .where(eq(agencies.id, params.agency))
            .returning();
          await recordAudit(tx, {
            actor: principal.sub,
            role: principal.role,
            action: 'agency.updated',
            entityType: 'agency',
            entityId: params.agency,
            before: toView(before),
            after: toView(after!),
            reason,
            requestId: String(req.id),
          });
          return after!;
        });
        return { status: 200, body: toView(row) };
      },
    }),
  ];
}
