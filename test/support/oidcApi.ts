// The API as `npm run api` starts it (api/start.ts), configured for an identity provider through the
// environment as an operator would: OIDC_ISSUER, OIDC_AUDIENCE and the claim names, on the shared
// dev server and a database of the test file's own, with its logs kept for the test to read; and
// the provider's test users, Keycloak-style (realm roles in `realm_access.roles`).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { startApi } from '../../api/start';
import { loadConfig } from '../../config';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase, type TestDatabase } from './database';
import { makeUscc } from './fixtures';
import { startTestIssuer, type SigningKey, type TestIssuer, type TestUser } from './oidcIssuer';

/** The API's audience, and another API's the provider also issues tokens for. */
export const AUDIENCE = 'https://api.tempered.test';
export const OTHER_API = 'https://other.tempered.test';
/** The enterprise the provider's business user acts for. */
export const OWN_ENTERPRISE = makeUscc(4100);
/** An enterprise nobody registered: an authenticated read of it is a 404, an unauthenticated one a 401. */
export const SOME_ENTERPRISE = `/api/v1/enterprises/${makeUscc(4101)}`;

const now = () => Math.floor(Date.now() / 1000);
const realmRoles = (...roles: string[]) => ({ realm_access: { roles: ['offline_access', ...roles] } });
const auditor = realmRoles('auditor');

export const TEST_USERS: TestUser[] = [
  { clientId: 'officer-zhang', claims: { ...realmRoles('officer'), tempered: { agency: 'SAMR-HZ' } } },
  { clientId: 'business-li', claims: { ...realmRoles('business'), enterprise_id: [OWN_ENTERPRISE] } },
  { clientId: 'auditor-wang', claims: auditor },
  { clientId: 'no-role', claims: realmRoles() },
  { clientId: 'two-roles', claims: realmRoles('officer', 'admin') },
  {
    clientId: 'expired-user-7f3a',
    claims: auditor,
    adjust: (p) => Object.assign(p, { iat: now() - 7200, exp: now() - 3600 }),
  },
  { clientId: 'not-yet', claims: auditor, adjust: (p) => Object.assign(p, { nbf: now() + 3600 }) },
];

/** How an operator would configure a Keycloak realm's tokens. */
const claimSettings = {
  OIDC_AUDIENCE: AUDIENCE,
  OIDC_ROLE_CLAIM: 'realm_access.roles',
  OIDC_ENTERPRISE_CLAIM: 'enterprise_id',
  OIDC_AGENCY_CLAIM: 'tempered.agency',
  OIDC_CLIENT_ID: 'tempered-console',
};

/** The reason a 401 gives. */
export const reasonOf = (res: { body: any }) => res.body?.error?.details?.[0]?.reason;

/**
 * For a test file: a database of its own, and providers and APIs started on demand, all taken
 * down after the file's tests.
 */
export function useOidc() {
  let database: TestDatabase;
  let dataDir: string;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    database = await freshDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tempered-oidc-'));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    /** A provider with the test users, signing with the first of `keys`. */
    async issuerWith(keys: SigningKey[]): Promise<TestIssuer> {
      const issuer = await startTestIssuer({ users: TEST_USERS, keys, resources: [AUDIENCE, OTHER_API] });
      cleanups.push(() => issuer.close());
      return issuer;
    },
    /** An API trusting `issuer`, configured as for Keycloak, plus `env`. */
    async apiFor(issuer: string, env: Record<string, string> = {}): Promise<OidcApi> {
      const api = await startOidcApi({ database, dataDir, env: { OIDC_ISSUER: issuer, ...claimSettings, ...env } });
      cleanups.push(() => api.stop());
      return api;
    },
  };
}

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
