import { createHmac } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signingKey } from '../support/api';
import { makeUscc } from '../support/fixtures';
import { useApi } from '../support/context';

const ctx = useApi();
const path = `/api/v1/enterprises/${makeUscc(100)}`;

const signed = (claims: Record<string, unknown>, key = signingKey) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('tempered')
    .setSubject('u-1')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);

describe('authentication', () => {
  it.each([
    ['no Authorization header', 'MISSING_TOKEN', async () => ({})],
    ['a non-bearer scheme', 'MISSING_TOKEN', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['a garbage token', 'MALFORMED_TOKEN', async () => ({ authorization: 'Bearer not.a.jwt' })],
    [
      'an expired token',
      'TOKEN_EXPIRED',
      async () => ({ authorization: `Bearer ${await ctx.api.token({ sub: 'a', role: 'auditor' }, '-1m')}` }),
    ],
    [
      'a token signed with another key',
      'BAD_SIGNATURE',
      async () => ({
        authorization: `Bearer ${await signed({ role: 'admin' }, new TextEncoder().encode('another-key-entirely-0123456789abc'))}`,
      }),
    ],
    [
      'an unsigned (alg none) token',
      'ALGORITHM_NOT_ALLOWED',
      async () => ({
        authorization: `Bearer ${new UnsecuredJWT({ role: 'admin' }).setIssuer('tempered').setSubject('u').setExpirationTime('1h').encode()}`,
      }),
    ],
    [
      'a business token without enterpriseId',
      'MISSING_ENTERPRISE',
      async () => ({ authorization: `Bearer ${await signed({ role: 'business' })}` }),
    ],
    [
      'an unknown role',
      'UNKNOWN_ROLE',
      async () => ({ authorization: `Bearer ${await signed({ role: 'superuser' })}` }),
    ],
  ])('answers 401 UNAUTHENTICATED to %s, saying why (%s)', async (_case, reason, headers) => {
    const res = await ctx.api.call('GET', path, { headers: await headers() });

    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(res.body.error.details[0].reason).toBe(reason);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it.each(['bearer', 'BEARER', 'Bearer  '])(
    'accepts the bearer scheme in any case and spacing ("%s")',
    async (scheme) => {
      const token = await ctx.api.token({ sub: 'a', role: 'auditor' });

      const res = await ctx.api.call('GET', path, { headers: { authorization: `${scheme} ${token}` } });

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    },
  );

  it('tells clients without a token that development tokens are the way in, OIDC being off', async () => {
    const res = await ctx.api.call('GET', '/api/v1/auth/config');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'development', developmentTokens: true });
  });

  it.each(['bearer', 'BEARER', 'BeArEr'])(
    'accepts the scheme spelt %s, since an authentication scheme is case-insensitive (RFC 7235)',
    async (scheme) => {
      const token = await ctx.api.token({ sub: 'a', role: 'auditor' });

      const res = await ctx.api.call('GET', path, { headers: { authorization: `${scheme} ${token}` } });

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    },
  );

  it('answers 403 FORBIDDEN when the role may not call the route at all', async () => {
    const token = await ctx.api.token({ sub: 'b', role: 'business', enterpriseId: makeUscc(101) });

    const res = await ctx.api.call('POST', '/api/v1/enterprises', {
      token,
      body: { id: makeUscc(101), name: 'Self-registration', kind: 'legal_person' },
    });

    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('JWT hardening', () => {
  // Tokens built by hand, so that each can be wrong in exactly one way.
  const segment = (part: unknown) =>
    Buffer.from(typeof part === 'string' ? part : JSON.stringify(part)).toString('base64url');
  const hmac = (input: string, hash = 'sha256', key = signingKey) =>
    createHmac(hash, key).update(input).digest('base64url');
  function token(header: unknown, claims: unknown, sign: (input: string) => string = (input) => hmac(input)): string {
    const input = `${segment(header)}.${segment(claims)}`;
    return `${input}.${sign(input)}`;
  }
  const now = () => Math.floor(Date.now() / 1000);
  const HS256 = { alg: 'HS256', typ: 'JWT' };
  const claims = (changes: Record<string, unknown> = {}) => {
    const all: Record<string, unknown> = {
      iss: 'tempered',
      sub: 'jwt-1',
      role: 'auditor',
      iat: now(),
      exp: now() + 3600,
      ...changes,
    };
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
  };
  const without = (name: string) => claims({ [name]: undefined });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('accepts a well-formed token built the same way, so each refusal below is for its one defect', async () => {
    const res = await ctx.api.call('GET', path, { headers: bearer(token(HS256, claims())) });

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['a bearer scheme without a token', 'MISSING_TOKEN', () => ({ authorization: 'Bearer' })],
    [
      'a bearer token followed by more',
      'MALFORMED_TOKEN',
      () => ({ authorization: `Bearer ${token(HS256, claims())} extra` }),
    ],
    ['a token of two segments', 'MALFORMED_TOKEN', () => bearer(`${segment(HS256)}.${segment(claims())}`)],
    ['a token whose header is not JSON', 'MALFORMED_TOKEN', () => bearer(token('{"alg":"HS256"', claims()))],
    ['a token whose claims are not JSON', 'MALFORMED_TOKEN', () => bearer(token(HS256, 'sub=jwt-1'))],
    [
      'alg none with an empty signature',
      'ALGORITHM_NOT_ALLOWED',
      () => bearer(token({ alg: 'none' }, claims(), () => '')),
    ],
    ['alg none with a signature', 'ALGORITHM_NOT_ALLOWED', () => bearer(token({ alg: 'none' }, claims()))],
    [
      'HS512 with the right key',
      'ALGORITHM_NOT_ALLOWED',
      () => bearer(token({ alg: 'HS512' }, claims(), (input) => hmac(input, 'sha512'))),
    ],
    [
      'a token signed with another key',
      'BAD_SIGNATURE',
      () =>
        bearer(token(HS256, claims(), (input) => hmac(input, 'sha256', Buffer.from('another-key-0123456789abcdef')))),
    ],
    [
      'claims changed after signing',
      'BAD_SIGNATURE',
      () => {
        const [header, , signature] = token(HS256, claims()).split('.');
        return bearer(`${header}.${segment(claims({ role: 'admin' }))}.${signature}`);
      },
    ],
    ['an expired token', 'TOKEN_EXPIRED', () => bearer(token(HS256, claims({ iat: now() - 7200, exp: now() - 3600 })))],
    ['a token without expiry', 'MISSING_CLAIM', () => bearer(token(HS256, without('exp')))],
    [
      'a token not valid yet (nbf ahead)',
      'TOKEN_NOT_YET_VALID',
      () => bearer(token(HS256, claims({ nbf: now() + 3600 }))),
    ],
    [
      'a token issued in the future',
      'TOKEN_NOT_YET_VALID',
      () => bearer(token(HS256, claims({ iat: now() + 3600, exp: now() + 7200 }))),
    ],
    ['another issuer', 'WRONG_ISSUER', () => bearer(token(HS256, claims({ iss: 'someone-else' })))],
    ['a token without sub', 'MISSING_CLAIM', () => bearer(token(HS256, without('sub')))],
    ['an empty sub', 'INVALID_CLAIM', () => bearer(token(HS256, claims({ sub: '' })))],
    ['a token without role', 'MISSING_ROLE', () => bearer(token(HS256, without('role')))],
    ['an unknown role', 'UNKNOWN_ROLE', () => bearer(token(HS256, claims({ role: 'root' })))],
    ['a role that is not a string', 'UNKNOWN_ROLE', () => bearer(token(HS256, claims({ role: ['admin'] })))],
    ['an officer without agency', 'MISSING_AGENCY', () => bearer(token(HS256, claims({ role: 'officer' })))],
    [
      'an officer with an empty agency',
      'INVALID_CLAIM',
      () => bearer(token(HS256, claims({ role: 'officer', agency: '' }))),
    ],
    ['a business without enterpriseId', 'MISSING_ENTERPRISE', () => bearer(token(HS256, claims({ role: 'business' })))],
    [
      'a business whose enterpriseId is not a string',
      'INVALID_CLAIM',
      () => bearer(token(HS256, claims({ role: 'business', enterpriseId: 91110108 }))),
    ],
  ])('answers 401 UNAUTHENTICATED in the error shape to %s, saying why (%s)', async (_case, reason, headers) => {
    const res = await ctx.api.call('GET', path, { headers: headers() });

    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: expect.any(String), details: [expect.objectContaining({ reason })] },
    });
  });
});
