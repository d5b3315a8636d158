// The hook for OpenID Connect sign-in. When the service is configured with an identity provider
// (OIDC_ISSUER), the sign-in page offers "sign in with your organisation" instead of the
// development sign-in: an authorization-code flow with PKCE whose access token is stored with
// `signIn(token)` like any other. The identity work fills this in (it needs the issuer, client id
// and scopes from the API); until then there is no provider and only development sign-in shows.
export interface OidcProvider {
  /** Shown on the button, e.g. the organisation's name. */
  name: string;
  /** Starts the redirect to the provider; the callback stores the token with signIn(). */
  start(returnTo: string): Promise<void>;
}

export async function oidcProvider(): Promise<OidcProvider | undefined> {
  return undefined;
}
