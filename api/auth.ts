// Bearer JWTs (HS256). The signing secret comes from JWT_SECRET, or in development from a key file
// generated once into the data directory, so `npm run token` and the service always agree.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Config } from '../config';
import { ApiError } from './errors';

export const roles = ['officer', 'business', 'credit_staff', 'auditor', 'admin'] as const;
export type Role = (typeof roles)[number];

const claimsSchema = z
  .object({
    sub: z.string().min(1),
    role: z.enum(roles),
    enterpriseId: z.string().min(1).optional(),
    agency: z.string().min(1).optional(),
  })
  .refine((c) => c.role !== 'business' || c.enterpriseId, { message: 'business tokens need enterpriseId' })
  .refine((c) => c.role !== 'officer' || c.agency, { message: 'officer tokens need agency' });

export type Principal = z.infer<typeof claimsSchema>;

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
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw new Error(`Cannot sign these claims: ${parsed.error.issues[0]?.message}`);
  const { sub, ...rest } = parsed.data;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key);
}

const unauthenticated = (message: string) => new ApiError(401, 'UNAUTHENTICATED', message);

/** How far a token's issue time may lie ahead of our clock: the issuer's clock may run a little fast. */
const ISSUED_AT_SKEW_SECONDS = 60;

export async function verifyToken(key: Uint8Array, token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      requiredClaims: ['exp', 'sub'],
    });
    // jose checks `iat` only against a maximum age; one ahead of the clock was minted wrongly or forged.
    if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + ISSUED_AT_SKEW_SECONDS)
      throw unauthenticated('The token was issued in the future.');
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success)
      throw unauthenticated(`The token's claims are incomplete: ${claims.error.issues[0]?.message}.`);
    return claims.data;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired.');
    throw unauthenticated('The token is invalid.');
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export function authenticate(key: Uint8Array): RequestHandler {
  return async (req, _res, next) => {
    // The scheme is case-insensitive (RFC 7235 §2.1): `bearer` and `BEARER` are Bearer too.
    const match = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) return next(unauthenticated('A bearer token is required.'));
    try {
      req.principal = await verifyToken(key, match[1]!);
      next();
    } catch (e) {
      next(e);
    }
  };
}
