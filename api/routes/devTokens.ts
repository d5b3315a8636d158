// The console's development sign-in: `POST /dev/tokens` mints a token with the service's own
// development key for the role, user, enterprise and agency the person picks. Only while the
// service signs its own tokens: with NODE_ENV=production or an OIDC issuer configured it answers
// 404, as if it did not exist, and tokens come from the organisation's identity provider instead.
import { Router, json } from 'express';
import { z } from 'zod';
import { roles, signToken } from '../auth';
import { notFound, validationError } from '../errors';
import { errorContent, jsonSchema, requestSchema } from '../openapiSchemas';
import { text, uscc } from '../schemas';

export const devTokenRequest = z
  .object({
    role: z.enum(roles),
    sub: text(200).describe('The user id the token names'),
    enterpriseId: uscc.optional().describe('Required for the business role'),
    agency: text(100).optional().describe('Required for officers and legal reviewers'),
  })
  .strict()
  .refine((b) => b.role !== 'business' || b.enterpriseId, {
    message: 'a business user needs enterpriseId',
    path: ['enterpriseId'],
  })
  .refine((b) => !['officer', 'legal_reviewer'].includes(b.role) || b.agency, {
    message: 'an officer or a legal reviewer needs agency',
    path: ['agency'],
  });

export const devTokenResponse = z.object({ token: z.string().describe('A bearer JWT valid for 12 hours') });

/** The route's entry in the OpenAPI document, present only where the route is enabled. */
export function devTokenPath() {
  return {
    post: {
      operationId: 'postDevTokens',
      summary: 'Mint a development token (development sign-in; absent in production or with OIDC)',
      tags: ['identity'],
      security: [],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: requestSchema(jsonSchema(devTokenRequest, 'input')) } },
      },
      responses: {
        200: {
          description: 'The token',
          content: { 'application/json': { schema: jsonSchema(devTokenResponse, 'output') } },
        },
        400: {
          description: 'Malformed input or schema violation. Codes: VALIDATION_FAILED, MALFORMED_JSON',
          content: errorContent(['VALIDATION_FAILED', 'MALFORMED_JSON']),
        },
        404: { description: 'Development sign-in is off. Codes: NOT_FOUND', content: errorContent(['NOT_FOUND']) },
        413: {
          description: 'Request body too large. Codes: PAYLOAD_TOO_LARGE',
          content: errorContent(['PAYLOAD_TOO_LARGE']),
        },
      },
    },
  };
}

export function devTokenRouter(options: { enabled: boolean; signingKey?: Uint8Array; jsonBodyLimit: string }): Router {
  const router = Router();
  router.post('/dev/tokens', json({ limit: options.jsonBodyLimit }), async (req, res, next) => {
    try {
      const { signingKey } = options;
      if (!options.enabled || !signingKey) throw notFound('Development sign-in');
      const parsed = devTokenRequest.safeParse(req.body ?? {});
      if (!parsed.success) throw validationError('body', parsed.error);
      res.json({ token: await signToken(signingKey, parsed.data) });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
