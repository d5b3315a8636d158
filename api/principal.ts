// Who is calling: the principal a verified bearer token names, and why a token is refused. Both
// ways of verifying tokens (the development key, the organisation's identity provider) end here,
// so a token means the same and is refused for the same reasons whichever signed it.
import { errors as joseErrors, type JWTPayload } from 'jose';
import { ROLES, type Role } from '../domain';
import { ApiError, dependencyUnavailable } from './errors';

/** The roles a token may name (domain/vocabulary.ts). */
export const roles = ROLES;
export type { Role } from '../domain';

export interface Principal {
  sub: string;
  role: Role;
  /** The business's own enterprise (required for `business`). */
  enterpriseId?: string;
  /** The officer's or legal reviewer's agency (required for both). */
  agency?: string;
}

/** The machine-readable reason of a 401, in `details[0].reason`; the token itself is never echoed. */
export const refusalReasons = [
  'MISSING_TOKEN',
  'MALFORMED_TOKEN',
  'ALGORITHM_NOT_ALLOWED',
  'UNKNOWN_KEY',
  'BAD_SIGNATURE',
  'WRONG_ISSUER',
  'WRONG_AUDIENCE',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'MISSING_CLAIM',
  'INVALID_CLAIM',
  'MISSING_ROLE',
  'UNKNOWN_ROLE',
  'AMBIGUOUS_ROLE',
  'MISSING_ENTERPRISE',
  'MISSING_AGENCY',
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export const unauthenticated = (reason: RefusalReason, message: string, claim?: string) =>
  new ApiError(401, 'UNAUTHENTICATED', message, [{ reason, ...(claim ? { claim } : {}) }]);

/** The reason a 401 carries, for logs. */
export const reasonOf = (e: ApiError): { reason?: string; claim?: string } =>
  (e.details?.[0] as { reason?: string; claim?: string } | undefined) ?? {};

/** The identity provider's keys could not be fetched: not the caller's fault, so a 503, not a 401. */
export class IdentityProviderUnavailable extends Error {}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The claims a principal is made of, wherever the token carried them. */
export interface IdentityClaims {
  sub?: unknown;
  role?: unknown;
  enterpriseId?: unknown;
  agency?: unknown;
}

/** Checks the claims and makes them a principal, or refuses the token saying which claim is wrong. */
export function principalOf(claims: IdentityClaims): Principal {
  const { sub, role, enterpriseId, agency } = claims;
  if (sub === undefined) throw unauthenticated('MISSING_CLAIM', 'The token has no subject.', 'sub');
  if (!text(sub)) throw unauthenticated('INVALID_CLAIM', 'The token’s subject is empty or not text.', 'sub');
  if (role === undefined) throw unauthenticated('MISSING_ROLE', 'The token carries no role of this service.');
  if (!roles.includes(role as Role))
    throw unauthenticated('UNKNOWN_ROLE', 'The token’s role is not one of this service’s.');
  for (const [name, value] of Object.entries({ enterpriseId, agency })) {
    if (value !== undefined && !text(value))
      throw unauthenticated('INVALID_CLAIM', `The token’s ${name} is empty or not text.`, name);
  }
  if (role === 'business' && enterpriseId === undefined)
    throw unauthenticated('MISSING_ENTERPRISE', 'A business token needs the enterprise it acts for.');
  if ((role === 'officer' || role === 'legal_reviewer') && agency === undefined)
    throw unauthenticated('MISSING_AGENCY', `An ${role === 'officer' ? 'officer' : 'legal reviewer'} token needs their agency.`);
  return {
    sub,
    role: role as Role,
    ...(enterpriseId !== undefined ? { enterpriseId: enterpriseId as string } : {}),
    ...(agency !== undefined ? { agency: agency as string } : {}),
  };
}

/** jose only checks `iat` against a maximum age; a token issued ahead of the clock was minted wrongly or forged. */
export function refuseFutureIssue(payload: JWTPayload, skewSeconds: number): void {
  if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + skewSeconds)
    throw unauthenticated('TOKEN_NOT_YET_VALID', 'The token was issued in the future.', 'iat');
}

/** What jose's verification errors mean for the caller; our own refusals pass through. */
export function refusalOf(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof IdentityProviderUnavailable) return dependencyUnavailable('The identity provider');
  if (e instanceof joseErrors.JWTExpired) return unauthenticated('TOKEN_EXPIRED', 'The token has expired.', 'exp');
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.reason === 'missing') return unauthenticated('MISSING_CLAIM', `The token has no ${e.claim} claim.`, e.claim);
    if (e.claim === 'iss') return unauthenticated('WRONG_ISSUER', 'The token comes from another issuer.', 'iss');
    if (e.claim === 'aud') return unauthenticated('WRONG_AUDIENCE', 'The token is meant for another service.', 'aud');
    if (e.claim === 'nbf') return unauthenticated('TOKEN_NOT_YET_VALID', 'The token is not valid yet.', 'nbf');
    return unauthenticated('INVALID_CLAIM', `The token's ${e.claim} claim is invalid.`, e.claim);
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed || e instanceof joseErrors.JOSENotSupported)
    return unauthenticated('ALGORITHM_NOT_ALLOWED', 'The token is signed with an algorithm this service refuses.');
  if (e instanceof joseErrors.JWSSignatureVerificationFailed)
    return unauthenticated('BAD_SIGNATURE', 'The token’s signature does not verify.');
  if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWKSMultipleMatchingKeys)
    return unauthenticated('UNKNOWN_KEY', 'The token is signed with a key the issuer does not publish.');
  return unauthenticated('MALFORMED_TOKEN', 'The token is not a well-formed signed JWT.');
}
