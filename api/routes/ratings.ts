// An enterprise's credit rating (信用评价等级): its grade under an agency's policy today, with the
// reasons (domain/rating.ts), and the history of grades its credit file has been given. Whoever may
// see the enterprise's credit file may see its rating (the same scope).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { rateNow, ratingHistory } from '../../db/ratings';
import { enterprises } from '../../db/schema';
import { CREDIT_GRADES } from '../../domain/rating';
import type { AppDeps } from '../app';
import { roles } from '../auth';
import { notFound } from '../errors';
import { enterpriseScope } from '../permissions';
import { route } from '../route';
import { uscc } from '../schemas';

const byId = z.object({ id: uscc });

export const ratingQuery = z.object({
  agency: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("Whose policy grades the file: the caller's agency when omitted, else the default policy"),
});

const reason = z.object({
  code: z
    .string()
    .describe("e.g. 'SERIOUS_RECORD_PUBLISHED', 'RECTIFICATION_ESCALATED', 'CLEAN_WITH_POSITIVE_OUTCOME'"),
  text: z.string(),
  entryId: z.string().optional().describe('The credit-file entry behind the reason'),
});

export const ratingSchema = z.object({
  grade: z.enum(CREDIT_GRADES),
  reasons: z.array(reason),
  asOf: z.string().describe('The calendar day (Asia/Shanghai) the file was graded on'),
  policyVersion: z.string(),
});

const storedRating = ratingSchema.extend({
  agency: z
    .string()
    .nullable()
    .describe('The agency whose case changed the file, whose policy graded it (null: default)'),
  cause: z.string().describe('The credit-file entry whose writing led to this rating'),
  recordedAt: z.string(),
});

export async function assertKnownEnterprise(db: Database, id: string): Promise<void> {
  const [known] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, id));
  if (!known) throw notFound('Enterprise');
}

export function ratingRoutes(deps: AppDeps) {
  const { db } = deps;
  return [
    route({
      method: 'get',
      path: '/enterprises/:id/rating',
      summary: "An enterprise's credit grade today, with its reasons",
      tag: 'supervision',
      roles,
      scope: enterpriseScope('id'),
      params: byId,
      query: ratingQuery,
      responses: {
        200: { description: 'The grade A-D and why', schema: ratingSchema },
        404: { description: 'No such enterprise, or not yours' },
      },
      async handler({ params, query, principal }) {
        await assertKnownEnterprise(db, params.id);
        const agency = query.agency ?? principal.agency ?? null;
        return { status: 200, body: await rateNow(db, params.id, agency, await deps.today()) };
      },
    }),
    route({
      method: 'get',
      path: '/enterprises/:id/rating/history',
      summary: 'Every grade the credit file was given as it changed, oldest first',
      tag: 'supervision',
      roles,
      scope: enterpriseScope('id'),
      params: byId,
      responses: {
        200: {
          description: 'The ratings stored with each change',
          schema: z.object({ ratings: z.array(storedRating) }),
        },
        404: { description: 'No such enterprise, or not yours' },
      },
      async handler({ params }) {
        await assertKnownEnterprise(db, params.id);
        const rows = await ratingHistory(db, params.id);
        const ratings = rows.map((r) => ({
          grade: r.grade,
          reasons: r.reasons as z.infer<typeof reason>[],
          asOf: r.asOf,
          policyVersion: r.policyVersion,
          agency: r.agency,
          cause: r.cause,
          recordedAt: r.recordedAt.toISOString(),
        }));
        return { status: 200, body: { ratings } };
      },
    }),
  ];
}
