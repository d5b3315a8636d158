// Enterprises (行政相对人): registered by officers, seen by their own business users and staff.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { createAudited } from '../../db/audit';
import type { Database } from '../../db/client';
import { enterprises } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import { enterpriseScope, UNSCOPED } from '../permissions';
import { route } from '../route';
import { calendarDate, text, uscc } from '../schemas';

export const newEnterprise = z.object({
  id: uscc,
  name: text(200),
  kind: z.enum(['legal_person', 'individual']),
  newBusinessModel: z.boolean().default(false),
  industry: text(100).optional(),
  registeredOn: calendarDate
    .optional()
    .describe('The day the enterprise was registered (成立日期), for its credit rating'),
  contactEmail: z.email().max(254).optional().describe("Where the business's notifications are e-mailed"),
  contactPhone: z
    .string()
    .regex(/^\+?[0-9][0-9 -]{4,19}$/)
    .optional()
    .describe('Where its notifications are sent by SMS'),
});

export const enterpriseProfile = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['legal_person', 'individual']),
  newBusinessModel: z.boolean(),
  industry: z.string().nullable(),
  registeredOn: z.string().nullable().describe('成立日期, when known'),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  createdAt: z.string().describe('ISO 8601 instant'),
});

const byId = z.object({ id: uscc });

const toProfile = (row: typeof enterprises.$inferSelect): z.infer<typeof enterpriseProfile> => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  newBusinessModel: row.newBusinessModel,
  industry: row.industry,
  registeredOn: row.registeredOn,
  contactEmail: row.contactEmail,
  contactPhone: row.contactPhone,
  createdAt: row.createdAt.toISOString(),
});

export function enterpriseRoutes(db: Database) {
  return [
    route({
      method: 'post',
      path: '/enterprises',
      summary: 'Register an enterprise',
      tag: 'enterprises',
      roles: ['officer', 'admin'],
      scope: UNSCOPED,
      body: newEnterprise,
      responses: {
        201: { description: 'Registered', schema: enterpriseProfile },
        409: { description: 'An enterprise with this code is registered', codes: ['ALREADY_EXISTS'] },
      },
      async handler({ body, principal, req }) {
        const row = await createAudited(
          db,
          async (tx) =>
            (
              await tx
                .insert(enterprises)
                .values({ ...body, createdBy: principal.sub })
                .onConflictDoNothing()
                .returning()
            )[0],
          () => new ApiError(409, 'ALREADY_EXISTS', `Enterprise ${body.id} is already registered.`),
          (created) => ({
            actor: principal.sub,
            role: principal.role,
            action: 'enterprise.registered',
            entityType: 'enterprise',
            entityId: created.id,
            after: toProfile(created),
            requestId: String(req.id),
          }),
        );
        return { status: 201, body: toProfile(row) };
      },
    }),
    route({
      method: 'get',
      path: '/enterprises/:id',
      summary: 'An enterprise profile',
      tag: 'enterprises',
      roles: ['officer', 'business', 'credit_staff', 'auditor', 'admin'],
      scope: enterpriseScope('id'),
      params: byId,
      responses: {
        200: { description: 'The profile', schema: enterpriseProfile },
        404: { description: 'No such enterprise, or not yours' },
      },
      async handler({ params }) {
        const [row] = await db.select().from(enterprises).where(eq(enterprises.id, params.id));
        if (!row) throw notFound('Enterprise');
        return { status: 200, body: toProfile(row) };
      },
    }),
  ];
}
