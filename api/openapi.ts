// OpenAPI 3.1 document generated from the route declarations and their zod schemas. It states what
// the service enforces, so that a request it describes as valid is never refused for its form
// (400), and one it describes as invalid always is: every string's rules (no NUL, property names
// too), the headers, the multipart parts, the error codes each operation may answer with, and the
// links from each operation that creates something to the operations on what it created.
import type { z } from 'zod';
import { roles as allRoles } from './auth';
import { authConfigPath } from './authConfig';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency';
import { ANY_VALUE, errorBody, errorContent, jsonSchema, requestSchema } from './openapiSchemas';
import type { RouteResponse, RouteSpec } from './route';

export const API_BASE = '/api/v1';

/** Every route's Idempotency-Key on a POST (api/idempotency.ts). */
const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes retries safe: a retry with the same key and request gets the first answer and has no second effect; ' +
    'the same key with another request is 409 IDEMPOTENCY_KEY_REUSED. Keys belong to the caller (subject, role, agency or enterprise).',
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY_PATTERN },
};

function objectProperties(schema: z.ZodType) {
  const json = requestSchema(jsonSchema(schema, 'input')) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

/**
 * Query parameters: one each, or, when they depend on one another (`dependentRequired`, e.g. /stats'
 * `to` needs `from`), one form-exploded object parameter, which OpenAPI 3.1 sends as the same
 * separate parameters and which can state the dependency.
 */
function queryParameters(schema: z.ZodType) {
  const json = requestSchema(jsonSchema(schema, 'input'));
  if (!json.dependentRequired) return objectProperties(schema).map((p) => ({ ...p, in: 'query' }));
  const { title, ...rest } = json;
  return [{ name: String(title ?? 'query'), in: 'query', style: 'form', explode: true, schema: rest }];
}

function parameters(spec: RouteSpec) {
  const inPath = spec.params ? objectProperties(spec.params).map((p) => ({ ...p, in: 'path', required: true })) : [];
  const inQuery = spec.query ? queryParameters(spec.query) : [];
  const headers = spec.headers ? objectProperties(spec.headers).map((p) => ({ ...p, in: 'header' })) : [];
  return [...inPath, ...inQuery, ...headers, ...(spec.method === 'post' ? [IDEMPOTENCY_KEY_HEADER] : [])];
}

/** Does a schema (as JSON Schema) take a unified social credit code anywhere? */
const takesUscc = (schema: z.ZodType | undefined) =>
  schema !== undefined && JSON.stringify(jsonSchema(schema, 'input')).includes('"format":"uscc"');

/** The errors every route of its kind may answer with, whatever it declares. */
function commonErrors(spec: RouteSpec): Record<number, RouteResponse> {
  const sends = spec.method !== 'get';
  const json = sends && spec.body !== undefined && !spec.upload;
  const uscc = [spec.params, spec.query, spec.body].some(takesUscc);
  const targeted = spec.scope.kind === 'enterprise' || spec.scope.kind === 'case';
  const restricted = spec.roles.length < allRoles.length || spec.scope.kind === 'agency';
  const errors: Record<number, RouteResponse> = {
    400: {
      description: 'Malformed input or schema violation',
      codes: [
        'VALIDATION_FAILED',
        ...(uscc ? ['INVALID_USCC'] : []),
        ...(json ? ['MALFORMED_JSON', 'BAD_REQUEST'] : []),
        ...(sends ? ['UNSTORABLE_DATA'] : []),
      ],
    },
    401: {
      description:
        'Missing, invalid or expired token; `details[0].reason` says why (e.g. `TOKEN_EXPIRED`, `WRONG_AUDIENCE`)',
      codes: ['UNAUTHENTICATED'],
    },
    429: { description: 'Rate limited', codes: ['RATE_LIMITED'] },
    503: { description: 'The database or Temporal is unavailable; retry shortly', codes: ['DEPENDENCY_UNAVAILABLE'] },
  };
  if (restricted) errors[403] = { description: 'The role may not do this', codes: ['FORBIDDEN'] };
  if (targeted) errors[404] = { description: 'No such resource, or not yours', codes: ['NOT_FOUND'] };
  if (spec.method === 'post') {
    errors[409] = {
      description: 'The Idempotency-Key was used with another request, or its request is still running',
      codes: ['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'],
    };
  }
  if (sends) errors[413] = { description: 'Request body too large', codes: ['PAYLOAD_TOO_LARGE'] };
  if (json)
    errors[415] = { description: 'A charset or content encoding the API does not read', codes: ['BAD_REQUEST'] };
  return errors;
}

function responses(spec: RouteSpec, links: Record<string, object>) {
  const declared = spec.responses;
  const common = commonErrors(spec);
  const out: Record<string, object> = {};
  for (const status of new Set([...Object.keys(common), ...Object.keys(declared)].map(Number))) {
    const mine = declared[status];
    if (status < 400) {
      const schema = mine!.schema && jsonSchema(mine!.schema, 'output');
      const content = mine!.contentType
        ? { [mine!.contentType]: { schema: { type: 'string' } } }
        : schema && { 'application/json': { schema } };
      out[status] = {
        description: mine!.description,
        ...(content ? { content } : {}),
        ...(status === 201 && Object.keys(links).length > 0 ? { links } : {}),
      };
      continue;
    }
    const codes = [...new Set([...(common[status]?.codes ?? []), ...(mine?.codes ?? [])])];
    if (codes.length === 0) throw new Error(`${spec.method} ${spec.path}: response ${status} names no error code`);
    const description = [common[status]?.description, mine?.description].filter(Boolean).join('; ');
    out[status] = { description: `${description}. Codes: ${codes.join(', ')}`, content: errorContent(codes) };
  }
  return out;
}

/**
 * JSON, or for an upload route `multipart/form-data`: the body's fields as text parts beside the
 * files, as the route reads them (at least one file, at most `maxFiles`, of the listed types).
 */
function requestBody(spec: RouteSpec) {
  if (!spec.upload) {
    return spec.body
      ? { required: true, content: { 'application/json': { schema: requestSchema(jsonSchema(spec.body, 'input')) } } }
      : undefined;
  }
  const fields = (spec.body ? jsonSchema(spec.body, 'input') : { type: 'object' }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  const { field, maxFiles, contentTypes } = spec.upload;
  const files = { type: 'array', items: { type: 'string', format: 'binary' }, minItems: 1, maxItems: maxFiles };
  const schema = requestSchema({
    ...fields,
    properties: { ...fields.properties, [field]: files },
    required: [...(fields.required ?? []), field],
  });
  return {
    required: true,
    content: { 'multipart/form-data': { schema, encoding: { [field]: { contentType: contentTypes.join(', ') } } } },
  };
}

const operationId = (spec: Pick<RouteSpec, 'method' | 'path'>) =>
  `${spec.method}${spec.path.replace(/[/:-]+(\w)/g, (_, c: string) => c.toUpperCase())}`;

/**
 * Links from an operation that creates something (a 201) to the operations on what it created: those
 * whose path continues the creating path with one more parameter, the created thing's `id`.
 */
function linksOf(spec: RouteSpec, specs: readonly RouteSpec[]): Record<string, object> {
  if (!spec.responses[201]) return {};
  const links: Record<string, object> = {};
  for (const target of specs) {
    const rest = target.path.startsWith(`${spec.path}/:`) ? target.path.slice(spec.path.length + 2) : undefined;
    // Only operations whose one new parameter is what was created (not, say, a file within it).
    const created = rest?.match(/^(\w+)(?:\/[^:]*)?$/)?.[1];
    if (!created) continue;
    const parameters: Record<string, string> = { [created]: '$response.body#/id' };
    for (const [, name] of spec.path.matchAll(/:(\w+)/g)) parameters[name!] = `$request.path.${name}`;
    links[operationId(target)] = { operationId: operationId(target), parameters };
  }
  return links;
}

function operation(spec: RouteSpec, specs: readonly RouteSpec[]) {
  const body = requestBody(spec);
  return {
    operationId: operationId(spec),
    summary: spec.summary,
    tags: [spec.tag],
    description: `Roles: ${spec.roles.join(', ')}.`,
    parameters: parameters(spec),
    ...(body ? { requestBody: body } : {}),
    responses: responses(spec, linksOf(spec, specs)),
  };
}

const unavailable = {
  description: 'A dependency is unavailable. Codes: DEPENDENCY_UNAVAILABLE',
  content: errorContent(['DEPENDENCY_UNAVAILABLE']),
};

/** The operational endpoints that need no token. */
export const publicPaths = {
  '/healthz': {
    get: {
      summary: 'Liveness: the process and what it runs itself (npm start: its Temporal server)',
      security: [],
      tags: ['operations'],
      responses: {
        200: { description: 'Alive' },
        503: {
          description: 'A component the process owns is down (being restarted). Codes: NOT_ALIVE',
          content: errorContent(['NOT_ALIVE']),
        },
      },
    },
  },
  '/readyz': {
    get: {
      summary: 'Readiness: Temporal and the database answer',
      security: [],
      tags: ['operations'],
      responses: { 200: { description: 'Ready' }, 503: unavailable },
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
    paths[path] = { ...paths[path], [spec.method]: operation(spec, specs) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tempered',
      version: '0.1.0',
      description:
        'Flexible enforcement (柔性执法): observation periods, rectification follow-up and credit repair. ' +
        'Errors are `{"error": {"code", "message", "details"?}}`; each response lists its codes. ' +
        'A method a path does not have is 405 with an `Allow` header.',
    },
    servers: [{ url: API_BASE }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(errorBody, 'output'), AnyValue: ANY_VALUE },
    },
    paths,
  };
}
