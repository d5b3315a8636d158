// The API as an OpenID Connect resource server, against a real provider (oidc-provider) that the
// test starts: the provider's JWT access tokens are verified through discovery and its key set,
// claims are mapped as configured (Keycloak-style nested roles), and every kind of bad token is a
// 401 that says why, logged without the token. Key rotation and outages: oidcKeys.test.ts.
import { createHmac, createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIENCE,
  OTHER_API,
  OWN_ENTERPRISE as enterpriseId,
  reasonOf,
  SOME_ENTERPRISE as someEnterprise,
  useOidc,
  type OidcApi,
} from '../support/oidcApi';
import { newSigningKey, type TestIssuer } from '../support/oidcIssuer';

const { issuerWith, apiFor } = useOidc();

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
});
