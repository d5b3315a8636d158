// The codec endpoint of the Temporal Web UI and CLI (the "codec server" protocol): `POST …/encode`
// and `POST …/decode` take and return `{"payloads": [{"metadata": {k: base64}, "data": base64}]}`
// and run them through the service's payload codec, so that operators can read encrypted histories
// without the keys ever leaving the service. Decoding reveals what the encryption hides, so only
// admins and auditors may call it, with the same bearer tokens as the API (the development key's,
// or the identity provider's with OIDC_ISSUER).
import express, { Router, type RequestHandler } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { authenticate, type Role, type TokenVerifier } from './auth';
import { ApiError, forbidden, validationError } from './errors';

export interface CodecEndpointOptions {
  codec: PayloadCodec;
  /** Browser origins (the Web UI's) allowed to call the endpoint; others get no CORS headers. */
  corsOrigins: readonly string[];
}

const OPERATOR_ROLES: readonly Role[] = ['admin', 'auditor'];
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Namespace';

/** Proto3 JSON of `temporal.api.common.v1.Payloads`: bytes as base64, an empty list left out (`{}`). */
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
export const codecBodySchema = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() }))
    .default([]),
});
type JsonPayload = z.infer<typeof codecBodySchema>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * Answers the Web UI's cross-origin calls: the preflight (which carries no token, so it comes
 * before authentication) and the CORS headers of the real request, for the configured origins only.
 */
function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    const permitted = origin !== undefined && allowed.has(origin);
    if (permitted) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      // The UI's "include cross-origin credentials" setting; the token still travels as a header.
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method !== 'OPTIONS') return next();
    if (!permitted)
      return next(
        new ApiError(403, 'ORIGIN_NOT_ALLOWED', `Origin ${origin ?? '(none)'} is not in CODEC_CORS_ORIGINS.`),
      );
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}

export function codecRouter(
  options: CodecEndpointOptions & { verifier: TokenVerifier; jsonBodyLimit: string },
): Router {
  const router = Router();
  router.use(cors(options.corsOrigins));
  router.use(express.json({ limit: options.jsonBodyLimit }));
  router.use(authenticate(options.verifier));
  router.use((req, _res, next) => next(OPERATOR_ROLES.includes(req.principal!.role) ? undefined : forbidden()));

  for (const operation of ['encode', 'decode'] as const) {
    // The protocol looks only at the last path segment, so `/{namespace}/decode` works too.
    router.post([`/${operation}`, `/:namespace/${operation}`], async (req, res) => {
      const body = codecBodySchema.safeParse(req.body);
      if (!body.success) throw validationError('body', body.error);
      let payloads: Payload[];
      try {
        payloads = await options.codec[operation](body.data.payloads.map(fromJson));
      } catch (e) {
        throw new ApiError(400, 'CODEC_FAILED', `Could not ${operation} the payloads: ${(e as Error).message}`);
      }
      req.log?.info(
        {
          sub: req.principal!.sub,
          role: req.principal!.role,
          namespace: req.params.namespace ?? req.get('x-namespace'),
          payloads: payloads.length,
        },
        `codec ${operation}`,
      );
      res.json({ payloads: payloads.map(toJson) });
    });
  }
  return router;
}
