// Access tokens from the organisation's OpenID Connect provider (OIDC_ISSUER): signed RS256 or
// ES256 with a key the provider publishes (api/oidcKeys.ts), issued by that issuer for this API
// (OIDC_AUDIENCE), within their validity give or take a small clock skew. The principal's role,
// enterprise and agency are read from the claims the configuration names, nested paths included.
import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { Logger } from 'pino';
import type { OidcConfig } from '../config/oidc';
import type { TokenVerifier } from './auth';
import { providerKeys } from './oidcKeys';
import { principalOf, refusalOf, refuseFutureIssue, roles, unauthenticated, type Role } from './principal';

/** Asymmetric only: an HS256 token would be signed with a shared secret (or, forged, with a public key). */
const ALGORITHMS = ['RS256', 'ES256'];
/** Clocks of the provider and of this service may differ by this much. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * The claim at `path`: a claim of that very name (some providers name claims by URL, dots and
 * all), else the dotted path into nested objects, as in `realm_access.roles`.
 */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const segment of path.split('.')) {
    const object = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (!object || !Object.hasOwn(value as object, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * A role claim holds one role or a list of roles (Keycloak's realm roles hold the provider's own
 * too, such as `offline_access`): exactly one of them must be one of this service's roles.
 */
export function roleOf(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const ours = [...new Set(value.filter((r): r is Role => roles.includes(r as Role)))];
  if (ours.length > 1)
    throw unauthenticated('AMBIGUOUS_ROLE', `The token carries several roles of this service (${ours.join(', ')}).`);
  return ours[0];
}

/** Multi-valued attributes (Keycloak's user attributes) arrive as lists; one value is all we take. */
const single = (value: unknown) => (Array.isArray(value) && value.length === 1 ? value[0] : value);

export function oidcVerifier(config: OidcConfig, logger: Logger): TokenVerifier {
  const keys = providerKeys(config, logger);
  return {
    async verify(token) {
      try {
        // Refused before any key is looked up: another issuer's token never makes us fetch keys.
        if (decodeJwt(token).iss !== config.issuer)
          throw unauthenticated('WRONG_ISSUER', 'The token comes from another issuer.', 'iss');
        const { payload } = await jwtVerify(token, keys.getKey, {
          algorithms: ALGORITHMS,
          issuer: config.issuer,
          audience: config.audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'sub'],
        });
        refuseFutureIssue(payload, CLOCK_TOLERANCE_SECONDS);
        return principalOf({
          sub: payload.sub,
          role: roleOf(claimAt(payload, config.claims.role)),
          enterpriseId: single(claimAt(payload, config.claims.enterpriseId)),
          agency: single(claimAt(payload, config.claims.agency)),
        });
      } catch (e) {
        throw refusalOf(e);
      }
    },
    async prepare() {
      await keys.load();
    },
  };
}
