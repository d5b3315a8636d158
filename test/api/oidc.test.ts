// The API as an OpenID Connect resource server, against a real provider (oidc-provider) that the
// test starts and whose keys it rotates: the provider's JWT access tokens are verified through
// discovery and its key set, claims are mapped as configured (Keycloak-style nested roles), and
// every kind of bad token is a 401 that says why, logged without the token.
import { createHmac, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/database';
import { makeUscc } from '../support/fixtures';
import { startOidcApi, type OidcApi } from '../support/oidcApi';
import { newSigningKey, startTestIssuer, type SigningKey, type TestIssuer, type TestUser } from '../support/oidcIssuer';
import { freePort } from '../support/processes';

const AUDIENCE = 'https://api.tempered.test';
const OTHER_API = 'https://other.tempered.test';
const enterpriseId = makeUscc(4100);
const now = () => Math.floor(Date.now() / 1000);
const realmRoles = (...roles: string[]) => ({ realm_access: { roles: ['offline_access', ...roles] } });
const auditor = realmRoles('auditor');

const users: TestUser[] = [
  { clientId: 'officer-zhang', claims: { ...realmRoles('officer'), tempered: { agency: 'SAMR-HZ' } } },
  { clientId: 'business-li', claims: { ...realmRoles('business'), enterprise_id: [enterpriseId] } },
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

const someEnterprise = `/api/v1/enterprises/${makeUscc(4101)}`;
const reasonOf = (res: { body: any }) => res.body?.error?.details?.[0]?.reason;

let database: TestDatabase;
let dataDir: string;
const cleanups: Array<() => Promise<unknown>> = [];

async function issuerWith(keys: SigningKey[]): Promise<TestIssuer> {
  const issuer = await startTestIssuer({ users, keys, resources: [AUDIENCE, OTHER_API] });
  cleanups.push(() => issuer.close());
  return issuer;
}

async function apiFor(issuer: string, env: Record<string, string> = {}): Promise<OidcApi> {
  const api = await startOidcApi({ database, dataDir, env: { OIDC_ISSUER: issuer, ...claimSettings, ...env } });
  cleanups.push(() => api.stop());
  return api;
}

beforeAll(async () => {
  database = await freshDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tempered-oidc-'));
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await database?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('an API configured with OIDC_ISSUER', () => {
  let issuer: TestIssuer;
  let api: OidcApi;
  beforeAll(async () => {
    issuer = await issuerWith([await newSigningKey('RS256')]);
    api = await apiFor(issuer.issuer);
  });

  it('accepts the provider’s tokens, with role, enterprise and agency read from the configured claims', async () => {
    const officer = await issuer.token('officer-zhang');
    const business = await issuer.token('business-li');

    const registered = await api.call('POST', '/api/v1/enterprises', officer, {
      id: enterpriseId,
      name: '身份测试企业',
      kind: 'legal_person',
    });
    const own = await api.call('GET', `/api/v1/enterprises/${enterpriseId}`, business);
    const foreign = await api.call('GET', someEnterprise, business);
    const bulk = (agency: string) =>
      api.call('POST', '/api/v1/bulk/deadline-extensions', officer, {
        filter: { agency, dueBefore: '2027-01-01' },
        days: 7,
        reason: '汛期停工',
        dryRun: true,
      });
    const ownAgency = await bulk('SAMR-HZ');
    const otherAgency = await bulk('SAMR-NB');
    const trail = await api.call(
      'GET',
      `/api/v1/audit?entityType=enterprise&entityId=${enterpriseId}`,
      await issuer.token('auditor-wang'),
    );

    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(own.status).toBe(200);
    expect(foreign.status).toBe(404);
    expect(ownAgency.status, JSON.stringify(ownAgency.body)).toBe(200);
    expect(otherAgency.status).toBe(403);
    expect(trail.status).toBe(200);
    expect(trail.body.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: 'officer-zhang', role: 'officer' })]),
    );
  });

  it('takes the Authorization scheme in any case', async () => {
    const res = await api.callWith('GET', someEnterprise, `bearer ${await issuer.token('auditor-wang')}`);

    expect(res.status).toBe(404);
  });

  it('authenticates the codec endpoint the same way', async () => {
    const ok = await api.call('POST', '/codec/decode', await issuer.token('auditor-wang'), { payloads: [] });
    const refused = await api.call('POST', '/codec/decode', await issuer.token('expired-user-7f3a'), { payloads: [] });

    expect(ok.status).toBe(200);
    expect(refused.status).toBe(401);
    expect(reasonOf(refused)).toBe('TOKEN_EXPIRED');
  });

  it('tells the console, without a token, to sign in at the provider', async () => {
    const res = await api.call('GET', '/api/v1/auth/config');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mode: 'oidc',
      oidc: { issuer: issuer.issuer, clientId: 'tempered-console', scopes: 'openid profile', audience: AUDIENCE },
      developmentTokens: false,
    });
  });

  describe('refuses with 401 UNAUTHENTICATED and a reason', () => {
    /** A genuine token of the provider's, re-signed with the given header and HMAC key. */
    const hmacForged = async (header: Record<string, unknown>, secret: string | Buffer) => {
      const genuine = await issuer.token('auditor-wang');
      const payload = genuine.split('.')[1];
      const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${payload}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    };

    it.each([
      ['a token for another audience', 'WRONG_AUDIENCE', () => issuer.token('auditor-wang', OTHER_API)],
      ['an expired token', 'TOKEN_EXPIRED', () => issuer.token('expired-user-7f3a')],
      ['a token not valid yet', 'TOKEN_NOT_YET_VALID', () => issuer.token('not-yet')],
      ['a token without any role of this service', 'MISSING_ROLE', () => issuer.token('no-role')],
      ['a token with two roles of this service', 'AMBIGUOUS_ROLE', () => issuer.token('two-roles')],
      [
        'alg none',
        'ALGORITHM_NOT_ALLOWED',
        async () => {
          const [, payload] = (await issuer.token('auditor-wang')).split('.');
          return `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
        },
      ],
      [
        'HS256 signed with the provider’s public key as the secret',
        'ALGORITHM_NOT_ALLOWED',
        async () => {
          const { keys } = (await (await fetch(`${issuer.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> };
          const pem = createPublicKey({ key: keys[0]!, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
          return hmacForged({ alg: 'HS256', typ: 'JWT', kid: keys[0]!.kid }, pem);
        },
      ],
      [
        'an HS256 token signed with the development key (JWT_SECRET)',
        'ALGORITHM_NOT_ALLOWED',
        () => hmacForged({ alg: 'HS256', typ: 'JWT' }, 'development-secret-of-sufficient-length'),
      ],
      [
        'a development token as `npm run token` mints it',
        'WRONG_ISSUER',
        () =>
          new SignJWT({ role: 'admin' })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer('tempered')
            .setSubject('dev')
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode('development-secret-of-sufficient-length')),
      ],
      ['a token that is no JWT', 'MALFORMED_TOKEN', async () => 'not-a-token'],
    ])('%s (%s)', async (_case, reason, token) => {
      const res = await api.call('GET', someEnterprise, await token());

      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(reasonOf(res)).toBe(reason);
    });

    it('a token from another issuer, without fetching that issuer’s keys', async () => {
      const other = await issuerWith([await newSigningKey('RS256')]);
      const token = await other.token('auditor-wang');

      const res = await api.call('GET', someEnterprise, token);

      expect(res.status).toBe(401);
      expect(reasonOf(res)).toBe('WRONG_ISSUER');
      expect(other.keySetFetches).toBe(0);
    });
  });

  it('logs why a token was refused, never the token or what it claims', async () => {
    const token = await issuer.token('expired-user-7f3a');
    const before = api.logs.length;

    await api.call('GET', someEnterprise, token);

    const logged = api.logs.slice(before).join('\n');
    expect(logged).toContain('"reason":"TOKEN_EXPIRED"');
    expect(logged).not.toContain(token.split('.')[1]!.slice(0, 20));
    expect(logged).not.toContain(token.split('.')[2]!.slice(0, 20));
    expect(logged).not.toContain('expired-user-7f3a'); // the token's subject
  });

  it('fetches the key set once for many requests, and at most once more for tokens naming unknown keys', async () => {
    const auditorToken = await issuer.token('auditor-wang');
    await api.call('GET', someEnterprise, auditorToken);
    const fetched = issuer.keySetFetches;
    const stranger = await newSigningKey('ES256');
    const unknownKey = await new SignJWT(decodeJwt(auditorToken))
      .setProtectedHeader({ alg: 'ES256', kid: stranger.kid })
      .sign(createPrivateKey({ key: stranger, format: 'jwk' }));

    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await api.call('GET', someEnterprise, auditorToken)).status);
    const forged = [];
    for (let i = 0; i < 5; i++) forged.push(reasonOf(await api.call('GET', someEnterprise, unknownKey)));

    expect(answers).toEqual(Array(10).fill(404));
    expect(forged).toEqual(Array(5).fill('UNKNOWN_KEY'));
    expect(issuer.keySetFetches - fetched).toBeLessThanOrEqual(1);
  });
});

describe('key rotation at the provider', () => {
  it('accepts tokens signed with a new key at once, and old ones until the old key leaves the key set', async () => {
    const [first, second, third] = [
      await newSigningKey('RS256'),
      await newSigningKey('ES256'),
      await newSigningKey('RS256'),
    ];
    const issuer = await issuerWith([first!]);
    // No cooldown: a token naming a key the cached set lacks is looked up at once, every time.
    const api = await apiFor(issuer.issuer, { OIDC_JWKS_COOLDOWN_SECONDS: '0' });
    const statusOf = async (token: string) => {
      const res = await api.call('GET', someEnterprise, token);
      return res.status === 401 ? reasonOf(res) : res.status;
    };
    const signedWith = (token: string) => decodeProtectedHeader(token).kid;
    const byFirst = await issuer.token('auditor-wang');
    const firstAnswer = await statusOf(byFirst);

    // The provider signs with a second key (ES256 this time) and still publishes the first.
    issuer.rotate([second!, first!]);
    const bySecond = await issuer.token('auditor-wang');
    const whileBoth = [await statusOf(bySecond), await statusOf(byFirst)];

    // A third key; the first leaves the key set.
    issuer.rotate([third!, second!]);
    const byThird = await issuer.token('auditor-wang');
    const afterRetirement = [await statusOf(byThird), await statusOf(bySecond), await statusOf(byFirst)];

    expect([signedWith(byFirst), signedWith(bySecond), signedWith(byThird)]).toEqual([
      first!.kid,
      second!.kid,
      third!.kid,
    ]);
    expect(firstAnswer).toBe(404);
    expect(whileBoth).toEqual([404, 404]);
    expect(afterRetirement).toEqual([404, 404, 'UNKNOWN_KEY']);
  });
});

describe('when the provider cannot be reached', () => {
  it('keeps verifying with the keys it last published', async () => {
    const issuer = await issuerWith([await newSigningKey('ES256')]);
    // The key set is never fresh: every verification asks the provider again.
    const api = await apiFor(issuer.issuer, { OIDC_JWKS_CACHE_SECONDS: '0' });
    const token = await issuer.token('auditor-wang');
    const before = await api.call('GET', someEnterprise, token);

    await issuer.close();
    const during = await api.call('GET', someEnterprise, token);

    expect(before.status).toBe(404);
    expect(during.status).toBe(404);
    expect(api.logs.join('\n')).toContain('OIDC keys unreachable');
  });

  it('answers 503 DEPENDENCY_UNAVAILABLE, not 401, while it has never reached it', async () => {
    const donor = await issuerWith([await newSigningKey('RS256')]);
    const token = await donor.token('auditor-wang');
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const api = await apiFor(nowhere);
    // The donor's token, claiming to come from the unreachable issuer, signed by nobody it knows.
    const [header, , signature] = token.split('.');
    const claims = Buffer.from(JSON.stringify({ ...decodeJwt(token), iss: nowhere })).toString('base64url');

    const res = await api.call('GET', someEnterprise, `${header}.${claims}.${signature}`);

    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
  });
});
