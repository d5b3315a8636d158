// OpenAPI 3.1 document generated from the route declarations and their zod schemas.
import { z } from 'zod';
import { authConfigPath } from './authConfig';
import type { RouteSpec } from './route';

export const API_BASE = '/api/v1';

export const errorBody = z.object({
  error: z.object({
    code: z.string().describe('Machine-readable SCREAMING_SNAKE code'),
    message: z.string().describe('Human-readable sentence'),
    details: z.array(z.unknown()).optional(),
  }),
});

/** Statuses every authenticated route can answer with, besides its own. */
const commonErrors: Record<number, string> = {
  400: 'Malformed input or schema violation',
  401: 'Missing, invalid or expired token; `details[0].reason` says why (e.g. `TOKEN_EXPIRED`, `WRONG_AUDIENCE`)',
  403: 'The role may not do this',
  429: 'Rate limited',
};
const postErrors: Record<number, string> = {
  409: 'Conflict with the current state, or Idempotency-Key reuse',
  413: 'Request body too large',
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

function parameters(spec: RouteSpec) {
  const inPath = spec.params ? pathParameters(spec.params) : [];
  const inQuery = spec.query ? objectProperties(spec.query).map((p) => ({ ...p, in: 'query' })) : [];
  const idempotencyKey =
    spec.method === 'post'
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }]
      : [];
  return [...inPath, ...inQuery, ...idempotencyKey];
}

function objectProperties(schema: z.ZodType) {
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

const pathParameters = (schema: z.ZodType) =>
  objectProperties(schema).map((p) => ({ ...p, in: 'path', required: true }));

function responses(spec: RouteSpec) {
  const errors = { ...commonErrors, ...(spec.method === 'post' ? postErrors : {}) };
  const out: Record<string, object> = {};
  for (const [status, description] of Object.entries(errors)) {
    out[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  for (const [status, r] of Object.entries(spec.responses)) {
    const errorStatus = Number(status) >= 400;
    const schema = errorStatus ? { $ref: '#/components/schemas/Error' } : r.schema && jsonSchema(r.schema, 'output');
    const content = r.contentType
      ? { [r.contentType]: { schema: { type: 'string' } } }
      : schema && { 'application/json': { schema } };
    out[status] = { description: r.description, ...(content ? { content } : {}) };
  }
  return out;
}

/**
 * JSON, or for an upload route `multipart/form-data`: the body's fields as text parts beside the
 * files, as the route reads them (at least one file, at most `maxFiles`).
 */
function requestBody(spec: RouteSpec) {
  if (!spec.upload) {
    return spec.body
      ? { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } }
      : undefined;
  }
  const fields = (spec.body ? jsonSchema(spec.body, 'input') : { type: 'object' }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  const { field, maxFiles } = spec.upload;
  const files = { type: 'array', items: { type: 'string', format: 'binary' }, minItems: 1, maxItems: maxFiles };
  const schema = {
    ...fields,
    properties: { ...fields.properties, [field]: files },
    required: [...(fields.required ?? []), field],
  };
  return { required: true, content: { 'multipart/form-data': { schema } } };
}

function operation(spec: RouteSpec) {
  const body = requestBody(spec);
  return {
    operationId: `${spec.method}${spec.path.replace(/[/:-]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: spec.summary,
    tags: [spec.tag],
    description: `Roles: ${spec.roles.join(', ')}.`,
    parameters: parameters(spec),
    ...(body ? { requestBody: body } : {}),
    responses: responses(spec),
  };
}

/** The operational endpoints that need no token. */
const publicPaths = {
  '/healthz': {
    get: { summary: 'Liveness', security: [], tags: ['operations'], responses: { 200: { description: 'Alive' } } },
  },
  '/readyz': {
    get: {
      summary: 'Readiness: Temporal and the database answer',
      security: [],
      tags: ['operations'],
      responses: {
        200: { description: 'Ready' },
        503: {
          description: 'A dependency is unavailable',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics',
      security: [],
      tags: ['operations'],
      responses: {
        200: { description: 'Metrics in text format', content: { 'text/plain': { schema: { type: 'string' } } } },
      },
    },
  },
};

/** `extraPaths`: routes served outside the route table (the public disclosure, api/routes/public.ts). */
export function openApiDocument(specs: readonly RouteSpec[], extraPaths: Record<string, object> = {}) {
  const paths: Record<string, Record<string, object>> = {
    ...publicPaths,
    ...authConfigPath,
    ...(extraPaths as Record<string, Record<string, object>>),
  };
  for (const spec of specs) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tempered',
      version: '0.1.0',
      description: 'Flexible enforcement (柔性执法): observation periods, rectification follow-up and credit repair.',
    },
    servers: [{ url: API_BASE }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
    paths,
  };
}
