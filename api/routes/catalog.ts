// The catalog of enforcement matters (执法事项): read by every role, since each process starts from
// a matter, and edited only by admins, each edit versioned and audited with the reason for it.
import { isDeepStrictEqual } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../db/audit';
import type { Database } from '../../db/client';
import { matters } from '../../db/schema';
import {
  checkCatalogEntry,
  ENFORCEMENT_AREAS,
  EXCLUSION_REASONS,
  LENIENCY_LISTS,
  type EnforcementMatter,
} from '../../domain/catalog';
import { roles } from '../auth';
import { ApiError, fromRefusal, notFound } from '../errors';
import { UNSCOPED } from '../permissions';
import { route } from '../route';
import { text } from '../schemas';

const MATTER_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export const matterCode = z
  .string()
  .regex(MATTER_CODE, 'is not a matter code (2-32 upper-case letters, digits and hyphens)')
  .meta({ description: 'Enforcement matter code', example: 'MS-001' });

const area = z.enum(ENFORCEMENT_AREAS);
const leniencyList = z.enum(LENIENCY_LISTS);
const exclusionReason = z.enum(EXCLUSION_REASONS);

/** Body of `PUT /catalog/matters/{code}`: the whole matter but its code (the path names it), and why. */
export const putMatterBody = z
  .object({
    title: text(500).describe('Official Chinese title'),
    titleEn: text(500).describe('English gloss'),
    area,
    legalBasis: text(2000).describe('Law and articles: the duty breached and the penalty provision'),
    lists: z
      .array(leniencyList)
      .refine((lists) => new Set(lists).size === lists.length, 'must not name a list twice')
      .meta({ uniqueItems: true })
      .describe('The leniency lists (三张清单) the matter is on; none if it is excluded'),
    excludedFromLeniency: z.boolean(),
    exclusionReason: exclusionReason.optional().describe('Only for an excluded matter; defaults to excluded_area'),
    defaultRectificationWorkingDays: z.int().min(1).max(365),
    benchmark: z
      .object({
        minFine: z.number().nonnegative().describe('Yuan'),
        maxFine: z.number().nonnegative().describe('Yuan'),
        factors: z.array(text(500)).max(50).optional(),
      })
      .describe(
        'Discretion benchmark (裁量基准): the fine range and what moves a case within it; a minFine above maxFine is 422 INVALID_BENCHMARK',
      ),
    reason: text(2000).describe('Why the matter is created or changed; kept in the audit trail'),
  })
  .refine((m) => m.excludedFromLeniency || m.exclusionReason === undefined, {
    message: 'applies only to a matter excluded from leniency',
    path: ['exclusionReason'],
  })
  .meta({
    if: { properties: { excludedFromLeniency: { const: false } } },
    then: { not: { required: ['exclusionReason'] } },
  });

/** A benchmark whose range is upside down: a rule about two values, which no schema states. */
export function assertBenchmark({ minFine, maxFine }: { minFine: number; maxFine: number }): void {
  if (minFine <= maxFine) return;
  throw new ApiError(422, 'INVALID_BENCHMARK', `The benchmark's minFine ${minFine} exceeds its maxFine ${maxFine}.`, [
    { minFine, maxFine },
  ]);
}

export const catalogMatter = z.object({
  code: z.string(),
  title: z.string(),
  titleEn: z.string(),
  area,
  legalBasis: z.string(),
  lists: z.array(leniencyList),
  excludedFromLeniency: z.boolean(),
  exclusionReason: exclusionReason.optional(),
  defaultRectificationWorkingDays: z.int().min(1),
  benchmark: z.object({ minFine: z.number(), maxFine: z.number(), factors: z.array(z.string()).optional() }),
  version: z.int().min(1).describe('Grows by one with every change; send it back as If-Match to update safely'),
  updatedAt: z.string().describe('ISO 8601 instant'),
});
export type CatalogMatter = z.infer<typeof catalogMatter>;

export const catalogList = z.object({ matters: z.array(catalogMatter) });

export const catalogFilter = z.object({
  area: area.optional().describe('Only matters of this enforcement area'),
  list: leniencyList.optional().describe('Only matters on this leniency list'),
});

const byCode = z.object({ code: matterCode });

const ifMatch = z
  .string()
  .regex(/^(?:\*|"?\d{1,9}"?)$/, 'must be a matter version in quotes, e.g. "3", or *')
  .describe('Apply only if the matter is at this version ("3"), or exists at all (*)');

/**
 * One spelling per matter, so that equal content compares equal: lists in the catalog's order,
 * absent optional fields left out rather than undefined.
 */
function canonical(m: EnforcementMatter): EnforcementMatter {
  return {
    code: m.code,
    title: m.title,
    titleEn: m.titleEn,
    area: m.area,
    legalBasis: m.legalBasis,
    lists: LENIENCY_LISTS.filter((list) => m.lists.includes(list)),
    excludedFromLeniency: m.excludedFromLeniency,
    ...(m.exclusionReason === undefined ? {} : { exclusionReason: m.exclusionReason }),
    defaultRectificationWorkingDays: m.defaultRectificationWorkingDays,
    benchmark: {
      minFine: m.benchmark.minFine,
      maxFine: m.benchmark.maxFine,
      ...(m.benchmark.factors === undefined ? {} : { factors: [...m.benchmark.factors] }),
    },
  };
}

const toView = (row: typeof matters.$inferSelect): CatalogMatter =>
  ({
    ...canonical(row.matter as EnforcementMatter),
    code: row.code,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  }) as CatalogMatter;

/** `If-Match: "3"` (or `*`, "any existing version"), as the route's header schema took it; undefined when absent. */
const expectedVersion = (header: unknown): number | '*' | undefined =>
  typeof header !== 'string' ? undefined : header === '*' ? '*' : Number(header.replaceAll('"', ''));

const versionConflict = (code: string, expected: number | '*', current: number | undefined) =>
  new ApiError(
    409,
    'VERSION_CONFLICT',
    current === undefined
      ? `Matter ${code} does not exist, but If-Match expected version ${expected}.`
      : `Matter ${code} is at version ${current}, not ${expected}: read it again and reapply your change.`,
    [{ matterCode: code, expected, current: current ?? null }],
  );

export function catalogRoutes(db: Database) {
  return [
    route({
      method: 'get',
      path: '/catalog/matters',
      summary: 'Enforcement matters, by code',
      tag: 'catalog',
      roles,
      scope: UNSCOPED,
      query: catalogFilter,
      responses: { 200: { description: 'The matters that pass the filters, sorted by code', schema: catalogList } },
      async handler({ query }) {
        const rows = await db
          .select()
          .from(matters)
          .where(
            and(
              query.area ? eq(matters.area, query.area) : undefined,
              query.list ? sql`${matters.matter} -> 'lists' @> ${JSON.stringify([query.list])}::jsonb` : undefined,
            ),
          )
          // Byte order, so the order does not depend on the server's locale.
          .orderBy(sql`${matters.code} collate "C"`);
        return { status: 200, body: { matters: rows.map(toView) } };
      },
    }),
    route({
      method: 'get',
      path: '/catalog/matters/:code',
      summary: 'One enforcement matter',
      tag: 'catalog',
      roles,
      scope: UNSCOPED,
      params: byCode,
      responses: {
        200: { description: 'The matter', schema: catalogMatter },
        404: { description: 'No such matter', codes: ['NOT_FOUND'] },
      },
      async handler({ params }) {
        const [row] = await db.select().from(matters).where(eq(matters.code, params.code));
        if (!row) throw notFound('Matter');
        return { status: 200, body: toView(row) };
      },
    }),
    route({
      method: 'put',
      path: '/catalog/matters/:code',
      summary: 'Create or replace an enforcement matter (optionally guarded by If-Match: "<version>")',
      tag: 'catalog',
      roles: ['admin'],
      scope: UNSCOPED,
      params: byCode,
      headers: z.object({ 'if-match': ifMatch.optional() }),
      body: putMatterBody,
      responses: {
        200: {
          description: 'Replaced (version bumped), or unchanged when the content was already so',
          schema: catalogMatter,
        },
        201: { description: 'Created at version 1', schema: catalogMatter },
        409: { description: 'If-Match names a version other than the current one', codes: ['VERSION_CONFLICT'] },
        422: {
          description:
            'A matter excluded from leniency on a leniency list; a benchmark whose minFine exceeds its maxFine',
          codes: ['EXCLUDED_DOMAIN', 'INVALID_BENCHMARK'],
        },
      },
      async handler({ params, body, principal, headers, req }) {
        const expected = expectedVersion(headers['if-match']);
        const { reason, ...fields } = body;
        assertBenchmark(fields.benchmark);
        const matter = canonical({ code: params.code, ...fields });
        const checked = checkCatalogEntry(matter);
        if (!checked.ok) throw fromRefusal(checked.refusal);
        const audit = {
          actor: principal.sub,
          role: principal.role,
          entityType: 'matter',
          entityId: params.code,
          reason,
          requestId: String(req.id),
        };

        return db.transaction(async (tx) => {
          // Locking the row serialises concurrent edits, so each one bumps the version it read.
          const [current] = await tx.select().from(matters).where(eq(matters.code, params.code)).for('update');
          if (expected !== undefined && (current === undefined || (expected !== '*' && current.version !== expected))) {
            throw versionConflict(params.code, expected, current?.version);
          }

          if (!current) {
            const [created] = await tx
              .insert(matters)
              .values({ code: params.code, matter, area: matter.area, updatedBy: principal.sub })
              .onConflictDoNothing()
              .returning();
            if (!created) {
              throw new ApiError(
                409,
                'VERSION_CONFLICT',
                `Matter ${params.code} was created by someone else just now: read it and reapply your change.`,
              );
            }
            await recordAudit(tx, { ...audit, action: 'catalog.matter_created', after: toView(created) });
            return { status: 201, body: toView(created) };
          }

          // PUT is idempotent: resending the current content is not a new version.
          if (isDeepStrictEqual(canonical(current.matter as EnforcementMatter), matter)) {
            return { status: 200, body: toView(current) };
          }
          const [updated] = await tx
            .update(matters)
            .set({
              matter,
              area: matter.area,
              version: sql`${matters.version} + 1`,
              updatedBy: principal.sub,
              updatedAt: sql`now()`,
            })
            .where(eq(matters.code, params.code))
            .returning();
          if (!updated) throw notFound('Matter');
          await recordAudit(tx, {
            ...audit,
            action: 'catalog.matter_updated',
            before: toView(current),
            after: toView(updated),
          });
          return { status: 200, body: toView(updated) };
        });
      },
    }),
  ];
}
