// `GET /api/v1/auth/config`, public: how a client signs in here. The console asks it before anyone
// has a token, to choose between the identity provider's sign-in (authorization code with PKCE,
// against the issuer and client named here) and the development sign-in (`POST /dev/tokens`).
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config';

export const authConfigSchema = z.object({
  mode: z.enum(['oidc', 'development']).describe('Where bearer tokens come from'),
  oidc: z
    .object({
      issuer: z.string().describe('The OpenID Connect issuer; its discovery document is under /.well-known/'),
      clientId: z.string().nullable().describe("The console's public client id (OIDC_CLIENT_ID)"),
      scopes: z.string().describe('Scopes to request, space-separated'),
      audience: z.string().describe('The `aud` this API requires; pass it as `resource` where the provider wants one'),
    })
    .optional()
    .describe('Present in `oidc` mode'),
  developmentTokens: z.boolean().describe('Whether `POST /dev/tokens` hands out development tokens'),
});

export type AuthConfig = z.infer<typeof authConfigSchema>;

export function authConfigOf(config: Partial<Pick<Config, 'oidc' | 'developmentTokens'>>): AuthConfig {
  const { oidc } = config;
  if (!oidc) return { mode: 'development', developmentTokens: config.developmentTokens ?? true };
  return {
    mode: 'oidc',
    oidc: { issuer: oidc.issuer, clientId: oidc.clientId ?? null, scopes: oidc.scopes, audience: oidc.audience },
    developmentTokens: false,
  };
}

export function authConfigRouter(config: Partial<Pick<Config, 'oidc' | 'developmentTokens'>>): Router {
  const body = authConfigOf(config);
  return Router().get('/auth/config', (_req, res) => {
    res.json(body);
  });
}

/** Its entry in the OpenAPI document's paths. */
export const authConfigPath = {
  '/auth/config': {
    get: {
      operationId: 'getAuthConfig',
      summary: 'How to sign in: the identity provider (issuer, client, scopes) or development tokens',
      security: [],
      tags: ['auth'],
      responses: {
        200: {
          description: 'The sign-in configuration',
          content: { 'application/json': { schema: z.toJSONSchema(authConfigSchema, { io: 'output' }) } },
        },
      },
    },
  },
};
