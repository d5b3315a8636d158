// The identity provider's keys as the API holds them: fetched once and cached, fetched again at
// once for a key it has not seen (at most once per cooldown), given up once the provider stops
// publishing them, and kept in use while the provider cannot be reached. Against a real provider
// (oidc-provider) whose keys the test rotates.
import { createPrivateKey } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { reasonOf, SOME_ENTERPRISE as someEnterprise, useOidc } from '../support/oidcApi';
import { newSigningKey } from '../support/oidcIssuer';
import { freePort } from '../support/processes';

const { issuerWith, apiFor } = useOidc();

describe('the key set', () => {
  it('is fetched once for many requests, and at most once more for tokens naming unknown keys', async () => {
    const issuer = await issuerWith([await newSigningKey('RS256')]);
    const api = await apiFor(issuer.issuer);
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
