// Process configuration, read once from the environment. Every entry point (API, worker,
// `npm start`, scripts, tests) goes through here, so a variable means the same thing everywhere.
import path from 'node:path';
import { z } from 'zod';
import { parsePayloadKeys } from './payloadCodec';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));
const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** Comma-separated `id:base64key` pairs; parsed here so that a bad key stops every process at start-up. */
const payloadKeys = optional.transform((v, ctx) => {
  if (v === undefined) return undefined;
  try {
    return parsePayloadKeys(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});
/** Comma-separated browser origins (`scheme://host:port`, nothing after it). */
const origins = optional.transform((v, ctx) => {
  if (v === undefined) return undefined;
  const list = v
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of list) {
    if (URL.canParse(origin) && new URL(origin).origin === origin) continue;
    ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin such as http://localhost:8233` });
    return z.NEVER;
  }
  return list;
});

const envSchema = z.object({
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optional,
  TEMPORAL_ADDRESS: optional,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('tempered'),
  TEMPORAL_TLS: flag,
  TEMPORAL_TLS_CERT_PATH: optional,
  TEMPORAL_TLS_KEY_PATH: optional,
  TEMPORAL_TLS_CA_PATH: optional,
  TEMPORAL_API_KEY: optional,
  TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  JWT_SECRET: optional,
  PAYLOAD_KEYS: payloadKeys,
  PAYLOAD_KEY_ID: optional,
  CODEC_CORS_ORIGINS: origins,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  JSON_BODY_LIMIT: z.string().default('1mb'),
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10 * 1024 * 1024),
  // Capacity knobs (bench/README.md measures them); unset worker knobs keep the SDK's defaults.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  // The SDK sizes the cache by heap limit (about 2,300 workflows here), at roughly 0.3 MiB of RSS
  // each: past 1 GiB at a few thousand open cases. With 1,000 the worker peaked at 1,048 MiB by
  // 10,000 open cases, with 500 at 876 MiB by 5,000 (631 with --max-old-space-size=384; see
  // bench/README.md, bench:scale). An uncached case replays when it is next read or acted on.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(500),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).optional(),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).optional(),
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: z.coerce.number().int().min(1).optional(),
  WORKER_WORKFLOW_TASK_POLLERS: z.coerce.number().int().min(2).optional(),
  WORKER_ACTIVITY_TASK_POLLERS: z.coerce.number().int().min(1).optional(),
  NODE_ENV: optional,
  OIDC_ISSUER: optional,
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** Absolute data directory: PGlite files, the dev server's SQLite file, the development JWT key. */
  dataDir: string;
  /** True when no cluster is configured and `npm start` runs its own Temporal dev server. */
  embeddedTemporal: boolean;
  temporalAddress: string;
  /** Browser origins (the Temporal Web UI's) allowed to call the codec endpoint. */
  codecCorsOrigins: string[];
  /** The console's development sign-in (`POST /dev/tokens`): off in production and with an OIDC issuer. */
  devTokens: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const values = parsed.data;
  if (values.PAYLOAD_KEYS && values.PAYLOAD_KEY_ID !== undefined && !values.PAYLOAD_KEYS.has(values.PAYLOAD_KEY_ID)) {
    throw new Error(`Invalid configuration: PAYLOAD_KEY_ID: "${values.PAYLOAD_KEY_ID}" is not among PAYLOAD_KEYS`);
  }
  return {
    ...values,
    dataDir: path.resolve(values.DATA_DIR),
    embeddedTemporal: values.TEMPORAL_ADDRESS === undefined,
    temporalAddress: values.TEMPORAL_ADDRESS ?? `127.0.0.1:${values.TEMPORAL_DEV_PORT}`,
    // The Web UI's origin is whichever host the browser was pointed at.
    devTokens: values.NODE_ENV !== 'production' && values.OIDC_ISSUER === undefined,
    codecCorsOrigins: values.CODEC_CORS_ORIGINS ?? [
      `http://localhost:${values.TEMPORAL_UI_PORT}`,
      `http://127.0.0.1:${values.TEMPORAL_UI_PORT}`,
    ],
  };
}
