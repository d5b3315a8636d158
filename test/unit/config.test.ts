// Configuration read from the environment: OIDC, what production insists on, the proxy setting.
import { describe, expect, it } from 'vitest';
import { claimAt, roleOf } from '../../api/oidc';
import { configVariables, loadConfig } from '../../config';

const ISSUER = 'https://sso.example.gov.cn/realms/tempered';
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://tempered@db/tempered',
  TEMPORAL_ADDRESS: 'temporal:7233',
  PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
};

describe('OIDC configuration', () => {
  it('is off without OIDC_ISSUER, leaving development tokens on outside production', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({}).developmentTokens).toBe(true);
    expect(loadConfig({ ...PRODUCTION, JWT_SECRET: 'a-shared-secret' }).developmentTokens).toBe(false);
  });

  it('refuses production without the secrets every process must share, naming each', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      'NODE_ENV=production needs DATABASE_URL, TEMPORAL_ADDRESS, PAYLOAD_KEYS, JWT_SECRET or OIDC_ISSUER',
    );
    expect(() => loadConfig(PRODUCTION)).toThrow(/needs JWT_SECRET or OIDC_ISSUER set/);
    expect(loadConfig({ ...PRODUCTION, OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'api' }).oidc?.issuer).toBe(ISSUER);
  });

  it('turns on with an issuer and an audience, with the default claim names and key-set timings', () => {
    const config = loadConfig({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'tempered-api' });

    expect(config.oidc).toEqual({
      issuer: ISSUER,
      audience: 'tempered-api',
      claims: { role: 'role', enterpriseId: 'enterpriseId', agency: 'agency' },
      clientId: undefined,
      scopes: 'openid profile',
      jwksCacheSeconds: 600,
      jwksCooldownSeconds: 30,
    });
    expect(config.developmentTokens).toBe(false);
  });

  it('refuses an issuer without an audience, which would accept tokens meant for any application', () => {
    expect(() => loadConfig({ OIDC_ISSUER: ISSUER })).toThrow('OIDC_AUDIENCE');
  });

  it.each([
    ['OIDC_ISSUER', 'sso.example.gov.cn'],
    ['OIDC_ROLE_CLAIM', 'realm_access..roles'],
    ['OIDC_AGENCY_CLAIM', 'agency code'],
    ['OIDC_JWKS_COOLDOWN_SECONDS', '-1'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'api', [name]: value })).toThrow(name);
  });

  it('lists every variable it reads, for deployment manifests to be checked against', () => {
    expect(configVariables).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'JWT_SECRET',
        'PAYLOAD_KEYS',
        'OIDC_ISSUER',
        'OIDC_ROLE_CLAIM',
        'NODE_ENV',
      ]),
    );
    expect(configVariables).not.toContain('TEST_DATABASE_URL');
  });
});

describe('claims mapped by configuration', () => {
  const payload = {
    realm_access: { roles: ['offline_access', 'officer'] },
    resource_access: { 'tempered-api': { roles: ['auditor'] } },
    'https://tempered.example/agency': 'SAMR-HZ',
  };

  it('reads a nested path, a claim named with dots, or nothing', () => {
    expect(claimAt(payload, 'realm_access.roles')).toEqual(['offline_access', 'officer']);
    expect(claimAt(payload, 'resource_access.tempered-api.roles')).toEqual(['auditor']);
    expect(claimAt(payload, 'https://tempered.example/agency')).toBe('SAMR-HZ');
    expect(claimAt(payload, 'realm_access.groups')).toBeUndefined();
    expect(claimAt(payload, 'realm_access.roles.length')).toBeUndefined();
  });

  it('takes the one role of this service from a list that holds the provider’s own roles too', () => {
    expect(roleOf(['offline_access', 'uma_authorization', 'credit_staff'])).toBe('credit_staff');
    expect(roleOf('auditor')).toBe('auditor');
    expect(roleOf(['offline_access'])).toBeUndefined();
    expect(roleOf(['officer', 'officer'])).toBe('officer');
    expect(() => roleOf(['officer', 'admin'])).toThrow(/several roles/);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
  ])('reads %s as %j for Express', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });
});
