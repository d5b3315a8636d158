// Bearer-token authentication. Without OIDC_ISSUER, tokens are HS256 JWTs signed with the
// development key: JWT_SECRET, or a key file generated once into the data directory, so that
// `npm run token` and the service always agree. With OIDC_ISSUER, only the organisation's identity
// provider's tokens are accepted (api/oidc.ts) and the development key is refused.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { oidcVerifier } from './oidc';
import { principalOf, reasonOf, refusalOf, refuseFutureIssue, unauthenticated, type Principal } from './principal';

export { roles, type Principal, type Role } from './principal';

/** Turns a bearer token into the principal it names, or throws the refusal (401, or 503). */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /** Fetches what verification needs ahead of the first request, logging rather than throwing. */
  prepare?(): Promise<void>;
}

const ALGORITHM = 'HS256';
const ISSUER = 'tempered';

export async function loadSigningKey(config: Config): Promise<Uint8Array> {
  if (config.JWT_SECRET) return new TextEncoder().encode(config.JWT_SECRET);
  const file = path.join(config.dataDir, 'jwt-secret');
  await mkdir(config.dataDir, { recursive: true });
  // 'wx' fails if another process created the key first; then everyone reads the same one.
  await writeFile(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 }).catch((e) => {
    if (e.code !== 'EEXIST') throw e;
  });
  return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
}

export async function signToken(key: Uint8Array, claims: Principal, ttl = '12h'): Promise<string> {
  let principal: Principal;
  try {
    principal = principalOf(claims);
  } catch (e) {
    throw new Error(`Cannot sign these claims: ${(e as Error).message}`);
  }
  const { sub, ...rest } = principal;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key);
}

/** How far a token's issue time may lie ahead of our clock: the issuer's clock may run a little fast. */
const ISSUED_AT_SKEW_SECONDS = 60;

export async function verifyToken(key: Uint8Array, token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      requiredClaims: ['exp', 'sub'],
    });
    refuseFutureIssue(payload, ISSUED_AT_SKEW_SECONDS);
    const { sub, role, enterpriseId, agency } = payload;
    return principalOf({ sub, role, enterpriseId, agency });
  } catch (e) {
    throw refusalOf(e);
  }
}

export const developmentVerifier = (key: Uint8Array): TokenVerifier => ({ verify: (token) => verifyToken(key, token) });

/**
 * What the configuration asks for: the identity provider's verifier with OIDC_ISSUER (and no
 * development key at all), else the development key, which also signs development tokens.
 */
export async function configuredIdentity(
  config: Config,
  logger: Logger,
): Promise<{ verifier: TokenVerifier; signingKey?: Uint8Array }> {
  if (config.oidc) return { verifier: oidcVerifier(config.oidc, logger) };
  const signingKey = await loadSigningKey(config);
  return { verifier: developmentVerifier(signingKey), signingKey };
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** RFC 7235: the scheme is case-insensitive, separated from the token by one or more spaces. */
const BEARER = /^bearer +(\S+)$/i;

export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = BEARER.exec(header);
    try {
      if (!match && /^bearer\s+\S/i.test(header))
        throw unauthenticated('MALFORMED_TOKEN', 'The Authorization header holds more than one bearer token.');
      if (!match) throw unauthenticated('MISSING_TOKEN', 'A bearer token is required.');
      req.principal = await verifier.verify(match[1]!);
      next();
    } catch (e) {
      const refusal = refusalOf(e);
      if (refusal.status === 401) {
        // RFC 6750; the reason (never the token, nor the claims it carried) goes to the log.
        res.setHeader('WWW-Authenticate', match ? 'Bearer error="invalid_token"' : 'Bearer');
        req.log?.info(reasonOf(refusal), 'bearer token refused');
      }
      next(refusal);
    }
  };
}
