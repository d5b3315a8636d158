// Public disclosure (/public/v1), no token: every agency's lists as JSON and as CSV (opens in
// Excel), their dated changes with reasons, and the agencies. Nothing here names a person or an
// enterprise. Mounted after the rate limiter; responses carry an ETag (Express's, from the body)
// and answer a matching If-None-Match with 304, so caches revalidate cheaply.
import { Router, type Request, type RequestHandler } from 'express';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { agencyProfile } from '../../db/agencies';
import type { Database } from '../../db/client';
import { agencies } from '../../db/schema';
import type { CalendarDate } from '../../domain';
import { csvHeaders } from '../csv';
import { methodNotAllowed, methodsByPath } from '../methodNotAllowed';
import { errorContent, jsonSchema, requestSchema } from '../openapiSchemas';
import { notFound, validationError } from '../errors';
import { DOCUMENT_KINDS, VERIFICATION_CODE } from '../../domain';
import { verification } from '../services/documents';
import { assertStorable } from '../unstorable';
import { requireAgency } from '../services/agencies';
import { listChanges, listsCsv, publishedLists } from '../services/publishedLists';
import { listsQuery, publishedListsSchema } from './lists';

export const PUBLIC_BASE = '/public/v1';
const CACHE_CONTROL = 'public, max-age=60';

const agencyQuery = z.object({ agency: z.string().min(1).max(100).describe('Agency id') });
const listsOfAgency = listsQuery.extend(agencyQuery.shape);
const changesQuery = z.object({ agency: agencyQuery.shape.agency.optional().describe('One agency; all when omitted') });

const publicAgency = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  region: z.string().nullable(),
});
const changeSchema = z.object({
  agency: z.string(),
  kind: z.enum(['list_entry', 'policy']),
  effectiveFrom: z.string(),
  recordedAt: z.string(),
  reason: z.string(),
  matterCode: z.string().optional(),
  title: z.string().optional(),
  lists: z.array(z.string()).optional(),
  benchmark: z.unknown().optional(),
  excluded: z
    .union([z.string(), z.literal(false)])
    .nullable()
    .optional(),
  policyVersion: z.string().optional(),
  excludedAreas: z.array(z.string()).optional(),
  conductExclusions: z.record(z.string(), z.array(z.string())).optional(),
});

const verificationParams = z.object({
  code: z.string().regex(VERIFICATION_CODE).describe('The verification code printed on the document (16 characters)'),
});
const verifiedDocument = z.object({
  number: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  agency: z.string().describe("The issuing agency's id"),
  issuedOn: z.string().describe('Calendar date (Asia/Shanghai)'),
  sha256: z.string().describe("The PDF's SHA-256 (hex): compare it with the file's"),
});

interface PublicRoute<Q> {
  /** Express-style; `:name` segments are path parameters, validated by `params`. */
  path: string;
  summary: string;
  query: z.ZodType<Q>;
  params?: z.ZodObject;
  /** When the path has parameters (the derived one would not be a name). */
  operationId?: string;
  /** The JSON body's schema; absent for the CSV download. */
  schema?: z.ZodType;
  /** What a 404 means here. */
  notFound?: string;
  handle(
    query: Q,
    req: Request,
    params: Record<string, string>,
  ): Promise<{ json: unknown } | { csv: string; filename: string; ascii: string }>;
}

const declare = <Q>(route: PublicRoute<Q>): PublicRoute<unknown> => route as PublicRoute<unknown>;

function parseQuery<Q>(schema: z.ZodType<Q>, req: Request): Q {
  assertStorable(req.query, 'query');
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw validationError('query', parsed.error);
  return parsed.data;
}

function parseParams(schema: z.ZodObject | undefined, req: Request): Record<string, string> {
  if (!schema) return {};
  assertStorable(req.params, 'path');
  const parsed = schema.safeParse(req.params);
  if (!parsed.success) throw validationError('path', parsed.error);
  return parsed.data as Record<string, string>;
}

function publicRoutes(db: Database, today: () => Promise<CalendarDate>): PublicRoute<unknown>[] {
  const listsFor = async (query: z.infer<typeof listsOfAgency>) =>
    publishedLists(db, await requireAgency(db, query.agency), query.on ?? (await today()), query.list);
  return [
    declare({
      path: '/lists',
      summary: "An agency's lists on a day (today by default), with benchmarks and exclusions",
      query: listsOfAgency,
      schema: publishedListsSchema,
      handle: async (query) => ({ json: await listsFor(query) }),
    }),
    declare({
      path: '/lists.csv',
      summary: 'The same lists as CSV (UTF-8 with BOM, Chinese headers), for Excel',
      query: listsOfAgency,
      async handle(query) {
        const lists = await listsFor(query);
        return {
          csv: listsCsv(lists),
          filename: `${lists.agencyName}清单-${lists.asOf}.csv`,
          ascii: `lists-${lists.asOf}.csv`,
        };
      },
    }),
    declare({
      path: '/lists/changes',
      summary: 'Dated changes to the lists, newest first, each with its reason',
      query: changesQuery,
      schema: z.object({ changes: z.array(changeSchema) }),
      handle: async (query) => ({ json: { changes: await listChanges(db, query.agency) } }),
    }),
    declare({
      path: '/agencies',
      summary: 'The agencies whose lists are published',
      query: z.object({}),
      schema: z.object({ agencies: z.array(publicAgency) }),
      async handle() {
        const rows = await db
          .select()
          .from(agencies)
          .orderBy(sql`${agencies.id} collate "C"`);
        return { json: { agencies: rows.map(agencyProfile) } };
      },
    }),
    declare({
      path: '/documents/:code',
      operationId: 'publicDocumentVerification',
      summary: "Check a document's verification code: its number, kind, agency, date and SHA-256, nothing personal",
      query: z.object({}),
      params: verificationParams,
      schema: verifiedDocument,
      notFound: 'No document has this code',
      async handle(_query, _req, params) {
        const found = await verification(db, params.code!);
        if (!found) throw notFound('Document');
        return { json: found };
      },
    }),
  ];
}

export function publicRouter(db: Database, today: () => Promise<CalendarDate>): Router {
  const router = Router();
  const routes = publicRoutes(db, today);
  router.use(methodNotAllowed(methodsByPath(routes.map((route) => ({ method: 'get', path: route.path })))));
  for (const route of routes) {
    const handler: RequestHandler = async (req, res) => {
      const params = parseParams(route.params, req);
      const result = await route.handle(parseQuery(route.query, req), req, params);
      res.set('Cache-Control', CACHE_CONTROL);
      // res.send and res.json set a weak ETag from the body and answer a fresh If-None-Match with 304.
      if ('json' in result) res.json(result.json);
      else res.set(csvHeaders(result.filename, result.ascii)).send(result.csv);
    };
    router.get(route.path, handler);
  }
  return router;
}

/** The public routes for the OpenAPI document, served from PUBLIC_BASE rather than the API's base. */
export function publicOpenApiPaths(): Record<string, object> {
  const routes = publicRoutes(undefined as unknown as Database, async () => '');
  return Object.fromEntries(
    routes.map((route) => {
      const query = requestSchema(jsonSchema(route.query, 'input')) as {
        properties?: Record<string, object>;
        required?: string[];
      };
      const pathParams = route.params
        ? (requestSchema(jsonSchema(route.params, 'input')) as { properties?: Record<string, object> })
        : {};
      const parameters = [
        ...Object.entries(pathParams.properties ?? {}).map(([name, schema]) => ({
          name,
          in: 'path',
          required: true,
          schema,
        })),
        ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
          name,
          in: 'query',
          required: query.required?.includes(name) ?? false,
          schema,
        })),
      ];
      const content = route.schema
        ? { 'application/json': { schema: jsonSchema(route.schema, 'output') } }
        : { 'text/csv': { schema: { type: 'string' } } };
      return [
        `${PUBLIC_BASE}${route.path.replace(/:(\w+)/g, '{$1}')}`,
        {
          get: {
            // Served from the root, not from the API's base that the document's servers name.
            servers: [{ url: '/' }],
            operationId:
              route.operationId ?? `public${route.path.replace(/[/.](\w)/g, (_, c: string) => c.toUpperCase())}`,
            summary: route.summary,
            tags: ['public'],
            security: [],
            parameters,
            responses: {
              200: {
                description: 'OK; revalidate with If-None-Match',
                headers: { ETag: { schema: { type: 'string' } } },
                content,
              },
              304: { description: 'Not modified since the ETag sent in If-None-Match' },
              400: {
                description: 'Malformed query. Codes: VALIDATION_FAILED',
                content: errorContent(['VALIDATION_FAILED']),
              },
              404: {
                description: `${route.notFound ?? 'No such agency'}. Codes: NOT_FOUND`,
                content: errorContent(['NOT_FOUND']),
              },
              429: { description: 'Rate limited. Codes: RATE_LIMITED', content: errorContent(['RATE_LIMITED']) },
            },
          },
        },
      ];
    }),
  );
}
