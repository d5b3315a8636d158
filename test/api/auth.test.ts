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
    ['no Authorization header', async () => ({})],
    ['a non-bearer scheme', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['a garbage token', async () => ({ authorization: 'Bearer not.a.jwt' })],
    [
      'an expired token',
      async () => ({ authorization: `Bearer ${await ctx.api.token({ sub: 'a', role: 'auditor' }, '-1m')}` }),
    ],
    [
      'a token signed with another key',
      async () => ({
        authorization: `Bearer ${await signed({ role: 'admin' }, new TextEncoder().encode('another-key-entirely-0123456789abc'))}`,
      }),
    ],
    [
      'an unsigned (alg none) token',
      async () => ({
        authorization: `Bearer ${new UnsecuredJWT({ role: 'admin' }).setIssuer('tempered').setSubject('u').setExpirationTime('1h').encode()}`,
      }),
    ],
    [
      'a business token without enterpriseId',
      async () => ({ authorization: `Bearer ${await signed({ role: 'business' })}` }),
    ],
    ['an unknown role', async () => ({ authorization: `Bearer ${await signed({ role: 'superuser' })}` })],
  ])('answers 401 UNAUTHENTICATED to %s', async (_case, headers) => {
    const res = await ctx.api.call('GET', path, { headers: await headers() });

    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

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
