// The JSON Schema pieces of the OpenAPI document (api/openapi.ts): zod schemas as JSON Schema, the
// rules every request value follows, and the shared error body.
import { z } from 'zod';
import { STORABLE_PATTERN } from './schemas';
import { MAX_NESTING } from './unstorable';

export const errorBody = z.object({
  error: z.object({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .describe('Machine-readable SCREAMING_SNAKE code'),
    message: z.string().describe('Human-readable sentence'),
    details: z.array(z.unknown()).optional(),
  }),
});

export type JsonSchema = Record<string, unknown>;

export const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return json as JsonSchema;
};

/**
 * What a request value may be wherever its schema does not say (properties it does not name, which
 * are ignored): any JSON whose strings and property names hold no NUL, nested at most MAX_NESTING deep.
 */
export const ANY_VALUE: JsonSchema = {
  description: `Any JSON value without NUL characters in its strings or property names, nested at most ${MAX_NESTING} levels deep in all`,
  anyOf: [
    { type: 'null' },
    { type: 'boolean' },
    { type: 'number' },
    { type: 'string', pattern: STORABLE_PATTERN },
    { type: 'array', items: { $ref: '#/components/schemas/AnyValue' } },
    {
      type: 'object',
      propertyNames: { pattern: STORABLE_PATTERN },
      additionalProperties: { $ref: '#/components/schemas/AnyValue' },
    },
  ],
};

/**
 * A request schema with the rules every request value follows (api/unstorable.ts): strings without
 * a rule of their own and property names hold no NUL; properties an object does not name are any
 * such value. Walks the generated JSON Schema, whose nesting the zod schemas bound.
 */
export function requestSchema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
    if (Array.isArray(out[key])) out[key] = (out[key] as JsonSchema[]).map(requestSchema);
  }
  for (const key of ['items', 'not', 'if', 'then', 'else'] as const) {
    if (out[key] && typeof out[key] === 'object') out[key] = requestSchema(out[key] as JsonSchema);
  }
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, JsonSchema>).map(([k, v]) => [k, requestSchema(v)]),
    );
  }
  if (out.type === 'string' && !('pattern' in out || 'enum' in out || 'const' in out || 'format' in out)) {
    out.pattern = STORABLE_PATTERN;
  }
  if (out.type === 'object') {
    out.propertyNames ??= { pattern: STORABLE_PATTERN };
    if (out.additionalProperties === undefined) out.additionalProperties = { $ref: '#/components/schemas/AnyValue' };
  }
  return out;
}

/** The shared error body, its code narrowed to the ones listed. */
export const errorContent = (codes: readonly string[]) => ({
  'application/json': {
    schema: {
      allOf: [
        { $ref: '#/components/schemas/Error' },
        { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: [...codes] } } } } },
      ],
    },
  },
});
