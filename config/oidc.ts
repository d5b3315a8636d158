// The OpenID Connect settings: with OIDC_ISSUER set, the API verifies the organisation's identity
// provider's tokens instead of the development key (api/oidc.ts). Claim names are configurable
// because every provider puts roles and attributes somewhere else: Keycloak's realm roles sit in
// `realm_access.roles`, its client roles in `resource_access.<client>.roles`.
import { z } from 'zod';
import { optional } from './values';
/** A claim name, or a dotted path into nested claims. */
const claimPath = (fallback: string) =>
  z
    .string()
    .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'must be a claim name or a dotted path such as realm_access.roles')
    .default(fallback);
const seconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** The environment variables of OIDC, merged into config/index.ts's schema. */
export const oidcEnvironment = {
  /** The issuer identifier exactly as the provider's tokens carry it in `iss`. */
  OIDC_ISSUER: optional.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL'),
  /** What the API's access tokens carry in `aud` (a Keycloak audience mapper, a resource indicator...). */
  OIDC_AUDIENCE: optional,
  OIDC_ROLE_CLAIM: claimPath('role'),
  OIDC_ENTERPRISE_CLAIM: claimPath('enterpriseId'),
  OIDC_AGENCY_CLAIM: claimPath('agency'),
  /** The console's public client (authorization code + PKCE), told to it by GET /api/v1/auth/config. */
  OIDC_CLIENT_ID: optional,
  OIDC_SCOPES: z.string().default('openid profile'),
  /** How long the provider's key set is used before it is fetched again. */
  OIDC_JWKS_CACHE_SECONDS: seconds(600),
  /** At most one fetch per this many seconds for tokens signed with a key the cached set lacks. */
  OIDC_JWKS_COOLDOWN_SECONDS: seconds(30),
};

type OidcEnvironment = { [K in keyof typeof oidcEnvironment]: z.infer<(typeof oidcEnvironment)[K]> };

export interface OidcConfig {
  issuer: string;
  audience: string;
  claims: { role: string; enterpriseId: string; agency: string };
  clientId?: string;
  scopes: string;
  jwksCacheSeconds: number;
  jwksCooldownSeconds: number;
}

/** The OIDC settings when OIDC_ISSUER is set; an issuer without an audience is a configuration error. */
export function oidcConfigOf(values: OidcEnvironment): OidcConfig | undefined {
  if (values.OIDC_ISSUER === undefined) return undefined;
  if (values.OIDC_AUDIENCE === undefined) {
    // Without an audience check, any token the provider issues for any application would do.
    throw new Error('Invalid configuration: OIDC_AUDIENCE: required when OIDC_ISSUER is set');
  }
  return {
    issuer: values.OIDC_ISSUER,
    audience: values.OIDC_AUDIENCE,
    claims: {
      role: values.OIDC_ROLE_CLAIM,
      enterpriseId: values.OIDC_ENTERPRISE_CLAIM,
      agency: values.OIDC_AGENCY_CLAIM,
    },
    clientId: values.OIDC_CLIENT_ID,
    scopes: values.OIDC_SCOPES,
    jwksCacheSeconds: values.OIDC_JWKS_CACHE_SECONDS,
    jwksCooldownSeconds: values.OIDC_JWKS_COOLDOWN_SECONDS,
  };
}
