// The identity provider's signing keys. Found through OpenID Connect discovery (the issuer's
// `/.well-known/openid-configuration` names its `jwks_uri`), then held by jose's remote key set:
// used for OIDC_JWKS_CACHE_SECONDS, fetched again at once when a token names a key the cached set
// lacks (the provider rotated), at most once per OIDC_JWKS_COOLDOWN_SECONDS so that forged key ids
// cannot make us hammer the provider. While the provider is unreachable the last key set it
// published stays in use: signed-in users keep working through an outage of the sign-in service.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import type { Logger } from 'pino';
import type { OidcConfig } from '../config/oidc';
import { IdentityProviderUnavailable } from './principal';

const FETCH_TIMEOUT_MS = 5_000;
/** After a failed discovery, requests fail fast this long instead of each waiting for the provider. */
const DISCOVERY_RETRY_MS = 5_000;

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

export interface ProviderKeys {
  getKey: JWTVerifyGetKey;
  /** Discovers and fetches the keys now; false (and logged) when the provider cannot be reached. */
  load(): Promise<boolean>;
}

export const discoveryUrl = (issuer: string) => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

async function discoverKeySetUrl(issuer: string): Promise<URL> {
  const res = await fetch(discoveryUrl(issuer), {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`discovery answered ${res.status}`);
  const metadata = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // OpenID Connect Discovery 1.0 §4.3: the document must name exactly the issuer it was fetched for.
  if (metadata.issuer !== issuer) throw new Error(`discovery names issuer ${String(metadata.issuer)}, not ${issuer}`);
  if (typeof metadata.jwks_uri !== 'string' || !URL.canParse(metadata.jwks_uri))
    throw new Error('discovery names no jwks_uri');
  return new URL(metadata.jwks_uri);
}

/** Failures to fetch the key set, as opposed to a token naming a key that is not in it. */
const unreachable = (e: unknown) =>
  !(e instanceof joseErrors.JOSEError) ||
  e instanceof joseErrors.JWKSTimeout ||
  e instanceof joseErrors.JWKSInvalid ||
  e.code === joseErrors.JOSEError.code;

export function providerKeys(config: OidcConfig, logger: Logger): ProviderKeys {
  let keySet: Promise<RemoteKeySet> | undefined;
  let discoveryFailedAt = -Infinity;
  /** Until then, verify with the last published keys instead of asking the provider again. */
  let staleUntil = -Infinity;
  let stale: { jwks: JSONWebKeySet; getKey: JWTVerifyGetKey } | undefined;

  const remote = (): Promise<RemoteKeySet> => {
    if (keySet) return keySet;
    if (Date.now() < discoveryFailedAt + DISCOVERY_RETRY_MS) throw new IdentityProviderUnavailable();
    keySet = discoverKeySetUrl(config.issuer).then(
      (url) =>
        createRemoteJWKSet(url, {
          timeoutDuration: FETCH_TIMEOUT_MS,
          cacheMaxAge: config.jwksCacheSeconds * 1000,
          cooldownDuration: config.jwksCooldownSeconds * 1000,
        }),
      (e: Error) => {
        keySet = undefined;
        discoveryFailedAt = Date.now();
        logger.warn({ issuer: config.issuer, error: e.message }, 'OIDC discovery failed');
        throw new IdentityProviderUnavailable();
      },
    );
    return keySet;
  };

  const lastPublished = (set: RemoteKeySet): JWTVerifyGetKey | undefined => {
    const jwks = set.jwks();
    if (!jwks) return undefined;
    if (stale?.jwks !== jwks) stale = { jwks, getKey: createLocalJWKSet(jwks) };
    return stale.getKey;
  };

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const set = await remote();
    const fallback = lastPublished(set);
    if (fallback && Date.now() < staleUntil) return fallback(header, token);
    try {
      return await set(header, token);
    } catch (e) {
      if (!unreachable(e)) throw e;
      staleUntil = Date.now() + config.jwksCooldownSeconds * 1000;
      logger.warn({ issuer: config.issuer, error: (e as Error).message, stale: !!fallback }, 'OIDC keys unreachable');
      if (fallback) return fallback(header, token);
      throw new IdentityProviderUnavailable();
    }
  };

  return {
    getKey,
    async load() {
      try {
        const set = await remote();
        await set.reload();
        logger.info({ issuer: config.issuer, keys: set.jwks()?.keys.length }, 'OIDC keys loaded');
        return true;
      } catch (e) {
        logger.warn({ issuer: config.issuer, error: (e as Error).message }, 'OIDC keys not loaded yet');
        return false;
      }
    },
  };
}
