// The yearly graded lists (分级分类名单, Jimsar item 7): what an agency fixed for a year, and the
// admin's fixing in January (domain/supervisionList.ts decides when it may be fixed). Fixing is
// idempotent: a list once fixed is answered as it was fixed, whoever asks again.
import { z } from 'zod';
import { supervisionListOf } from '../../db/supervision';
import { fixSupervisionList } from '../../db/supervisionLists';
import { checkListFixing, CREDIT_GRADES } from '../../domain';
import type { AppDeps } from '../app';
import { ApiError, fromRefusal, notFound } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { text } from '../schemas';
import { requireAgency } from '../services/agencies';
import { STAFF } from './agencies';

const byYear = z.object({ year: z.coerce.number().int().min(2000).max(2199) });
const agencyId = z.string().min(1).max(100).describe('Agency id, e.g. `SAMR-HZ`');

export const listFixingBody = z
  .object({
    agency: agencyId,
    late: z.boolean().optional().describe('After January 31: fix it anyway, with a reason'),
    reason: text(2000).optional(),
  })
  .strict();

export const supervisionListSchema = z.object({
  agency: z.string(),
  year: z.number(),
  fixedOn: z.string(),
  fixedBy: z.string(),
  fixedHow: z.enum(['admin', 'automatic']).describe('`automatic`: nobody fixed it by January 31'),
  late: z.boolean(),
  reason: z.string().nullable(),
  policyVersion: z.string(),
  entries: z.array(
    z.object({
      enterpriseId: z.string(),
      grade: z.enum(CREDIT_GRADES).describe('The grade on December 31 of the previous year'),
      whitelisted: z.boolean(),
      cap: z.number().nullable().describe('Routine inspections in 12 months; null: not capped'),
    }),
  ),
});

type ListRow = NonNullable<Awaited<ReturnType<typeof supervisionListOf>>>;
const toView = (row: ListRow): z.infer<typeof supervisionListSchema> => ({
  agency: row.agency,
  year: row.year,
  fixedOn: row.fixedOn,
  fixedBy: row.fixedBy,
  fixedHow: row.fixedHow,
  late: row.late,
  reason: row.reason,
  policyVersion: row.policyVersion,
  entries: row.entries,
});

export function supervisionListRoutes(deps: AppDeps) {
  const { db } = deps;
  return [
    route({
      method: 'get',
      path: '/supervision-lists/:year',
      summary: "An agency's graded list for a year: each enterprise's grade and routine-inspection cap",
      tag: 'supervision',
      roles: STAFF,
      scope: UNSCOPED,
      params: byYear,
      query: z.object({ agency: agencyId.optional().describe("The caller's agency when omitted") }),
      responses: {
        200: { description: 'The list as fixed', schema: supervisionListSchema },
        404: { description: 'Not fixed (yet)', codes: ['NOT_FOUND'] },
        422: { description: 'Name the agency', codes: ['AGENCY_REQUIRED'] },
      },
      async handler({ params, query, principal }) {
        const agency = query.agency ?? principal.agency;
        if (!agency) throw new ApiError(422, 'AGENCY_REQUIRED', 'Name the agency whose list this is.');
        const list = await supervisionListOf(db, agency, params.year);
        if (!list) throw notFound('Graded list');
        return { status: 200, body: toView(list) };
      },
    }),
    route({
      method: 'post',
      path: '/supervision-lists/:year',
      summary: "Fix an agency's graded list for a year from last year's grades (by January 31)",
      tag: 'supervision',
      roles: ['admin'],
      scope: UNSCOPED,
      params: byYear,
      body: listFixingBody,
      responses: {
        200: { description: 'Fixed already: the list as it was fixed', schema: supervisionListSchema },
        201: { description: 'Fixed now', schema: supervisionListSchema },
        404: { description: 'No such agency', codes: ['NOT_FOUND'] },
        422: {
          description: 'Before the year, or after January 31 without `late` and a reason',
          codes: ['LIST_NOT_YET_OPEN', 'LIST_DEADLINE_PASSED'],
        },
      },
      async handler({ params, body, principal, req }) {
        await requireAgency(db, body.agency);
        const known = await supervisionListOf(db, body.agency, params.year);
        if (known) return { status: 200, body: toView(known) };
        const today = await deps.today();
        const allowed = checkListFixing(params.year, today, body.late ? { reason: body.reason } : undefined);
        if (!allowed.ok) throw fromRefusal(allowed.refusal);
        const { list, created } = await fixSupervisionList(db, body.agency, params.year, {
          how: 'admin',
          by: principal.sub,
          role: principal.role,
          late: allowed.value.late,
          reason: body.reason,
          today,
          requestId: String(req.id),
        });
        return { status: created ? 201 : 200, body: toView(list) };
      },
    }),
  ];
}
