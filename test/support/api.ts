// The real app on a real port, with helpers to call it as any kind of user.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { pino, type Logger } from 'pino';
import { DirectoryEvidenceStore } from '../../api/evidenceStore';
import { createApp } from '../../api/app';
import { todayInShanghai } from '../../domain';
import { signToken, type Principal } from '../../api/auth';
import { testPayloadCodec } from './payloadCodec';
import type { Database } from '../../db/client';

export const signingKey = new TextEncoder().encode('test-signing-key-of-sufficient-length!');
/** The Web UI origin the test app's codec endpoint answers CORS preflights for. */
export const TEST_UI_ORIGIN = 'http://localhost:8233';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string | FormData;
  headers?: Record<string, string>;
}

export interface TestApi {
  url: string;
  call(method: string, path: string, options?: CallOptions): Promise<{ status: number; body: any; headers: Headers }>;
  token(claims: Principal, ttl?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestApiDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  evidenceDir: string;
  /** Where the worker stores documents; a temporary directory of the machine's unless given. */
  documentsDir?: string;
  evidenceMaxBytes?: number;
  rateLimitPerMinute?: number;
  /** Express's `trust proxy` (TRUST_PROXY); none unless given. */
  trustProxy?: boolean | number | string[];
  /** Silent unless given. */
  logger?: Logger;
  /** The API's "today"; the real date unless given. */
  today?: () => Promise<string>;
  /** Serve the built web console from this directory, with the development sign-in (browser tests). */
  consoleDir?: string;
  /** The development sign-in (`POST /dev/tokens`) without the console: the demo's way in. */
  devTokens?: boolean;
}

export async function startTestApi(deps: TestApiDeps): Promise<TestApi> {
  const app = createApp({
    config: {
      RATE_LIMIT_PER_MINUTE: deps.rateLimitPerMinute ?? 100_000,
      TRUST_PROXY: deps.trustProxy,
      JSON_BODY_LIMIT: '1mb',
      EVIDENCE_MAX_BYTES: deps.evidenceMaxBytes ?? 10 * 1024 * 1024,
      TEMPORAL_TASK_QUEUE: deps.taskQueue,
    },
    db: deps.db,
    temporal: deps.temporal,
    evidence: new DirectoryEvidenceStore(deps.evidenceDir),
    ...(deps.documentsDir ? { documents: new DirectoryEvidenceStore(deps.documentsDir) } : {}),
    today: deps.today ?? (async () => todayInShanghai(new Date())),
    signingKey,
    logger: deps.logger ?? pino({ level: 'silent' }),
    codecEndpoint: { codec: testPayloadCodec, corsOrigins: [TEST_UI_ORIGIN] },
    ...(deps.consoleDir ? { consoleDir: deps.consoleDir, devTokens: true } : {}),
    ...(deps.devTokens ? { devTokens: true } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body = options.rawBody;
      if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
      if (typeof body === 'string') headers['content-type'] ??= 'application/json';
      const res = await fetch(`${url}${path}`, { method, headers, body });
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      return {
        status: res.status,
        body: type.includes('json') && text ? JSON.parse(text) : text,
        headers: res.headers,
      };
    },
    token: (claims, ttl) => signToken(signingKey, claims, ttl),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
