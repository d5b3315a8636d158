// An identity provider a person signs in to in the browser: `oidc-provider` on 127.0.0.1 with its
// own login page (any password), the console registered as a public client (authorization code
// with PKCE, refresh tokens), and JWT access tokens for the API's audience carrying the test
// users' claims as Keycloak would (realm roles in `realm_access.roles`, test/support/oidcApi.ts).
// Access tokens live a short `accessTokenSeconds`, so that the console's silent renewal shows.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { AUDIENCE, TEST_USERS } from '../../support/oidcApi';
import { newSigningKey } from '../../support/oidcIssuer';

export const CONSOLE_CLIENT = 'tempered-console';
/** The resource scope the console asks for (OIDC_SCOPES), and the provider grants for the API. */
export const API_SCOPE = 'api';

export interface SignInProvider {
  issuer: string;
  /** Registers the console served at `consoleUrl` as the provider's client, and starts answering. */
  serve(consoleUrl: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSignInProvider(options: { accessTokenSeconds: number }): Promise<SignInProvider> {
  const claims = new Map(TEST_USERS.map((u) => [u.clientId, u.claims]));
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = await newSigningKey('RS256');
  const ttl = options.accessTokenSeconds;

  const providerFor = (consoleUrl?: string) =>
    new Provider(issuer, {
      clients: (consoleUrl ? [consoleUrl] : []).map((consoleUrl) => ({
        client_id: CONSOLE_CLIENT,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${consoleUrl}/auth/callback`, `${consoleUrl}/auth/silent`],
        post_logout_redirect_uris: [`${consoleUrl}/sign-in`],
      })),
      jwks: { keys: [key] },
      cookies: { keys: ['console-sign-in-test-cookie-key'] },
      findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
      // The login page of the provider's development interactions; consent is taken as given, as
      // an organisation's provider does for its own console.
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: async () => AUDIENCE,
          useGrantedResource: async () => true,
          getResourceServerInfo: async (_ctx, resource) => {
            if (resource !== AUDIENCE) throw new Error(`unknown resource ${resource}`);
            return {
              scope: API_SCOPE,
              audience: AUDIENCE,
              accessTokenFormat: 'jwt',
              accessTokenTTL: ttl,
              jwt: { sign: { alg: 'RS256' } },
            };
          },
        },
      },
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId!,
        });
        grant.addOIDCScope('openid profile');
        grant.addResourceScope(AUDIENCE, API_SCOPE);
        await grant.save();
        return grant;
      },
      // Refresh tokens for the console, as Keycloak gives its public clients: silent renewal.
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      extraTokenClaims: async (_ctx, token) => ('accountId' in token ? claims.get(String(token.accountId)) : undefined),
      ttl: { AccessToken: ttl, IdToken: 3600, RefreshToken: 3600 },
    });
  // Discovery and keys answer from the start (the API discovers them as it starts); the console
  // becomes a client once its address is known.
  handle = providerFor().callback();

  return {
    issuer,
    async serve(consoleUrl) {
      handle = providerFor(consoleUrl).callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
