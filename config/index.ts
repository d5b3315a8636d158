// Process configuration, read once from the environment. Every entry point (API, worker,
// `npm start`, scripts, tests) goes through here, so a variable means the same thing everywhere.
import path from 'node:path';
import { z } from 'zod';
import { oidcConfigOf, oidcEnvironment, type OidcConfig } from './oidc';
import { parsePayloadKeys } from './payloadCodec';
import { flag, optional } from './values';

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

/**
 * Which proxies in front of the API to believe about the client's address (X-Forwarded-For), as
 * Express's `trust proxy` takes it: a number of hops, `true`, or addresses and subnets. Unset:
 * none, so behind a load balancer every client would share the balancer's rate limit.
 */
const trustProxy = optional.transform((v): boolean | number | string[] => {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((entry) => entry.trim());
});

const envSchema = z.object({
  /** `production` turns development conveniences off (the console's development sign-in). */
  NODE_ENV: optional,
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
  // How often `npm start` restarts its embedded Temporal server within 10 minutes before it exits 1.
  TEMPORAL_DEV_RESTARTS: z.coerce.number().int().min(0).default(5),
  // `npm start` seeds the demo data once it is up (scripts/demo/, as `npm run demo`); never in production.
  DEMO: flag,
  JWT_SECRET: optional,
  PAYLOAD_KEYS: payloadKeys,
  PAYLOAD_KEY_ID: optional,
  CODEC_CORS_ORIGINS: origins,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  TRUST_PROXY: trustProxy,
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
  ...oidcEnvironment,
  // Documents, notifications and credit-platform sync (docs/documents.md).
  /** The font documents embed (a TTF, OTF or TTC); Debian's fonts-noto-cjk by default. */
  DOCUMENT_FONT_PATH: z.string().default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  /** The face within a font collection (.ttc). */
  DOCUMENT_FONT_FAMILY: z.string().default('NotoSansCJKsc-Regular'),
  /** e.g. smtp://user:pass@mail.example:587 or smtps://…; unset: notifications reach the inbox only. */
  SMTP_URL: optional,
  SMTP_FROM: z.string().default('Tempered <no-reply@tempered.invalid>'),
  /** Where repairs and revocations are sent for the credit platforms (JSON, HMAC-SHA256 signed). */
  CREDIT_SYNC_URL: optional,
  /** The HMAC key of CREDIT_SYNC_URL's signatures; required with it. */
  CREDIT_SYNC_SECRET: optional,
});

/** Every environment variable the service reads; deployment manifests may set these and no others. */
export const configVariables: readonly string[] = Object.keys(envSchema.shape);

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** Absolute data directory: PGlite files, the dev server's SQLite file, the development JWT key. */
  dataDir: string;
  /** True when no cluster is configured and `npm start` runs its own Temporal dev server. */
  embeddedTemporal: boolean;
  temporalAddress: string;
  /** Browser origins (the Temporal Web UI's) allowed to call the codec endpoint. */
  codecCorsOrigins: string[];
  /** Set when OIDC_ISSUER is: bearer tokens come from that identity provider, the development key is refused. */
  oidc?: OidcConfig;
  /**
   * Whether development tokens may be handed out (the console's `POST /dev/tokens`): never with
   * OIDC or in production.
   */
  developmentTokens: boolean;
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
  if (values.CREDIT_SYNC_URL !== undefined && values.CREDIT_SYNC_SECRET === undefined)
    throw new Error('Invalid configuration: CREDIT_SYNC_URL needs CREDIT_SYNC_SECRET to sign with');
  const oidc = oidcConfigOf(values);
  if (values.NODE_ENV === 'production' && values.DEMO)
    throw new Error('Invalid configuration: DEMO seeds demo data, which a production service never gets');
  if (values.NODE_ENV === 'production') refuseGeneratedSecrets(values, oidc);
  return {
    ...values,
    oidc,
    developmentTokens: oidc === undefined && values.NODE_ENV !== 'production',
    dataDir: path.resolve(values.DATA_DIR),
    embeddedTemporal: values.TEMPORAL_ADDRESS === undefined,
    temporalAddress: values.TEMPORAL_ADDRESS ?? `127.0.0.1:${values.TEMPORAL_DEV_PORT}`,
    // The Web UI's origin is whichever host the browser was pointed at.
    codecCorsOrigins: values.CODEC_CORS_ORIGINS ?? [
      `http://localhost:${values.TEMPORAL_UI_PORT}`,
      `http://127.0.0.1:${values.TEMPORAL_UI_PORT}`,
    ],
  };
}

/**
 * In production the API and the worker run as several processes, often on several machines: a key
 * or a database each process would otherwise generate or embed for itself would differ between
 * them (tokens signed by one refused by another, payloads one encrypts unreadable to the other).
 */
function refuseGeneratedSecrets(values: Env, oidc: OidcConfig | undefined): void {
  const missing = [
    values.DATABASE_URL === undefined && 'DATABASE_URL',
    values.TEMPORAL_ADDRESS === undefined && 'TEMPORAL_ADDRESS',
    values.PAYLOAD_KEYS === undefined && 'PAYLOAD_KEYS',
    values.JWT_SECRET === undefined && oidc === undefined && 'JWT_SECRET or OIDC_ISSUER',
  ].filter((name): name is string => name !== false);
  if (missing.length > 0)
    throw new Error(`Invalid configuration: NODE_ENV=production needs ${missing.join(', ')} set for every process`);
}
