// An agency's lists (清单) for staff: every catalog matter as the agency applies it on a day, and
// admins' changes to one matter (membership, benchmark, exclusion), each from a day, with a reason.
// The same lists are public at /public/v1/lists (api/routes/public.ts).
import { eq, and, max } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../db/audit';
import { findMatterByCode } from '../../db/catalog';
import { listEntryOf, policyOn } from '../../db/policies';
import { agencies, agencyListEntries } from '../../db/schema';
import {
  checkListEntry,
  checkNotRetroactive,
  ENFORCEMENT_AREAS,
  EXCLUSION_REASONS,
  LENIENCY_LISTS,
  TREATMENTS,
} from '../../domain';
import type { AppDeps } from '../app';
import { ApiError, fromRefusal } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { calendarDate, text } from '../schemas';
import { requireAgency } from '../services/agencies';
import { publishedLists } from '../services/publishedLists';
import { byAgency, STAFF } from './agencies';
import { assertBenchmark, matterCode } from './catalog';

const leniencyList = z.enum(LENIENCY_LISTS);
const benchmark = z
  .object({
    minFine: z.number().nonnegative().max(100_000_000).describe('Yuan'),
    maxFine: z.number().nonnegative().max(100_000_000).describe('Yuan'),
    factors: z.array(text(500)).max(50).optional(),
  })
  .describe('A minFine above maxFine is 422 INVALID_BENCHMARK');

export const listEntryChange = z.object({
  lists: z
    .array(leniencyList)
    .refine((lists) => new Set(lists).size === lists.length, 'must not name a list twice')
    .meta({ uniqueItems: true })
    .describe("The lists the agency puts the matter on, replacing the catalog's"),
  benchmark: benchmark.optional().describe("The agency's own discretion benchmark; the catalog's when omitted"),
  excluded: z
    .union([z.literal(false), z.enum(EXCLUSION_REASONS)])
    .optional()
    .describe('false: not excluded, whatever the catalog says; a ground: excluded on it; omitted: as the catalog says'),
  effectiveFrom: calendarDate.describe('Today or later'),
  reason: text(2000),
});

export const publishedMatter = z.object({
  code: z.string(),
  title: z.string(),
  area: z.enum(ENFORCEMENT_AREAS),
  legalBasis: z.string(),
  lists: z.array(leniencyList).describe('The lists the matter is on for this agency, less those its exclusions bar'),
  benchmark: z.object({ minFine: z.number(), maxFine: z.number(), factors: z.array(z.string()).optional() }),
  excludedFromLeniency: z.boolean().describe('Barred from observation periods and every list'),
  exclusionReason: z.enum(EXCLUSION_REASONS).nullable(),
  barredFrom: z.array(z.enum(TREATMENTS)).describe('What the exclusion bars, under the policy in force'),
  effectiveFrom: z
    .string()
    .describe("When the agency's entry took effect; for the catalog's own, when it last changed"),
  source: z.enum(['agency', 'catalog']),
});

export const publishedListsSchema = z.object({
  agency: z.string().describe("The agency's id"),
  agencyName: z.string(),
  asOf: z.string(),
  policyVersion: z.string(),
  matters: z.array(publishedMatter),
});

export const listsQuery = z.object({
  on: calendarDate.optional().describe('The day; today when omitted'),
  list: leniencyList.optional().describe('Only the matters on this list'),
});

const listEntrySchema = z.object({
  agency: z.string(),
  matterCode: z.string(),
  revision: z.int(),
  effectiveFrom: z.string(),
  lists: z.array(leniencyList),
  benchmark: z.object({ minFine: z.number(), maxFine: z.number(), factors: z.array(z.string()).optional() }).optional(),
  excluded: z.union([z.literal(false), z.enum(EXCLUSION_REASONS)]).optional(),
  reason: z.string(),
});

const byAgencyAndMatter = byAgency.extend({ code: matterCode });

export function listRoutes({ db, today }: Pick<AppDeps, 'db' | 'today'>) {
  return [
    route({
      method: 'get',
      path: '/agencies/:agency/lists',
      summary: "An agency's lists on a day: every catalog matter as the agency applies it",
      tag: 'policies',
      roles: STAFF,
      scope: UNSCOPED,
      params: byAgency,
      query: listsQuery,
      responses: {
        200: { description: 'The lists', schema: publishedListsSchema },
        404: { description: 'No such agency', codes: ['NOT_FOUND'] },
      },
      async handler({ params, query }) {
        const agency = await requireAgency(db, params.agency);
        return { status: 200, body: await publishedLists(db, agency, query.on ?? (await today()), query.list) };
      },
    }),
    route({
      method: 'put',
      path: '/agencies/:agency/lists/:code',
      summary: "Change one matter of an agency's lists, from a day",
      tag: 'policies',
      roles: ['admin'],
      scope: UNSCOPED,
      params: byAgencyAndMatter,
      body: listEntryChange,
      responses: {
        201: { description: 'The change, as stored', schema: listEntrySchema },
        404: { description: 'No such agency', codes: ['NOT_FOUND'] },
        422: {
          description:
            'effectiveFrom before today (RETROACTIVE_POLICY), a matter not in the catalog, or a list its exclusion bars',
          codes: ['RETROACTIVE_POLICY', 'UNKNOWN_MATTER', 'EXCLUDED_DOMAIN', 'INVALID_BENCHMARK'],
        },
      },
      async handler({ params, body, principal, req }) {
        const agency = await requireAgency(db, params.agency);
        if (body.benchmark) assertBenchmark(body.benchmark);
        const matter = await findMatterByCode(db, params.code);
        if (!matter) throw new ApiError(422, 'UNKNOWN_MATTER', `Matter ${params.code} is not in the catalog.`);
        const retroactive = checkNotRetroactive(body.effectiveFrom, await today(), 'A list change');
        if (!retroactive.ok) throw fromRefusal(retroactive.refusal);
        const fits = checkListEntry(matter, body, await policyOn(db, agency.id, body.effectiveFrom));
        if (!fits.ok) throw fromRefusal(fits.refusal);
        const row = await db.transaction(async (tx) => {
          // Locking the agency serialises its changes, so each takes the next revision of its matter.
          await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agency.id)).for('update');
          const mine = and(eq(agencyListEntries.agency, agency.id), eq(agencyListEntries.matterCode, matter.code));
          const [last] = await tx
            .select({ revision: max(agencyListEntries.revision) })
            .from(agencyListEntries)
            .where(mine);
          const [stored] = await tx
            .insert(agencyListEntries)
            .values({
              agency: agency.id,
              matterCode: matter.code,
              revision: (last?.revision ?? 0) + 1,
              effectiveFrom: body.effectiveFrom,
              lists: LENIENCY_LISTS.filter((l) => body.lists.includes(l)),
              benchmark: body.benchmark ?? null,
              excluded: body.excluded ?? null,
              reason: body.reason,
              author: principal.sub,
            })
            .returning();
          await recordAudit(tx, {
            actor: principal.sub,
            role: principal.role,
            action: 'lists.entry_stored',
            entityType: 'agency',
            entityId: agency.id,
            after: listEntryOf(stored!),
            reason: body.reason,
            requestId: String(req.id),
          });
          return stored!;
        });
        return { status: 201, body: listEntryOf(row) };
      },
    }),
  ];
}
