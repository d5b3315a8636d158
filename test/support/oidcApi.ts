// The API as `npm run api` starts it (api/start.ts), configured for an identity provider through the
// environment as an operator would: OIDC_ISSUER, OIDC_AUDIENCE and the claim names, on the shared
// dev server and a database of the test file's own, with its logs kept for the test to read.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startApi } from '../../api/start';
import { loadConfig } from '../../config';
import type { DatabaseHandle } from '../../db/client';

export interface OidcApi {
  url: string;
  /** Every line the API logged. */
  logs: string[];
  call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** The same, with the Authorization header as given. */
  callWith(method: string, path: string, authorization: string): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startOidcApi(options: {
  database: DatabaseHandle;
  dataDir: string;
  env: Record<string, string>;
}): Promise<OidcApi> {
  const logs: string[] = [];
  const config = loadConfig({
    TEMPORAL_ADDRESS: inject('devServerAddress'),
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'info',
    PAYLOAD_KEYS: `oidc-test:${randomBytes(32).toString('base64')}`,
    ...options.env,
  });
  const api = await startApi(config, {
    database: options.database,
    logDestination: { write: (line: string) => void logs.push(line) },
  });
  const request = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text,
    };
  };
  return {
    url: api.url,
    logs,
    call: (method, path, token, body) => request(method, path, token ? { authorization: `Bearer ${token}` } : {}, body),
    callWith: (method, path, authorization) => request(method, path, { authorization }),
    stop: () => api.stop(),
  };
}
