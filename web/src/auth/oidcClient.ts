// The identity provider's side of the console's sessions, with oidc-client-ts: the authorization
// code flow with PKCE (S256), the callback, silent renewal before the access token expires (with
// the refresh token when the provider issues one, else a hidden frame at /auth/silent), and
// sign-out at the provider. The access token is what the console stores and sends (`tempered.token`,
// like a development token); who it names is the API's reading of it (`GET /auth/me`), since where
// a provider puts roles, enterprise and agency is the service's configuration.
import { UserManager, type User } from 'oidc-client-ts';
import { api, unwrap } from '../api/client';
import { ApiFailure } from '../api/failure';
import type { AuthConfig, Identity } from '../api/types';
import { authConfig } from './oidc';
import { renewToken, signIn, signOut, type Session } from './session';

let manager: Promise<UserManager> | undefined;

function settingsOf(oidc: NonNullable<AuthConfig['oidc']>) {
  const origin = window.location.origin;
  return {
    authority: oidc.issuer,
    client_id: oidc.clientId ?? '',
    redirect_uri: `${origin}/auth/callback`,
    silent_redirect_uri: `${origin}/auth/silent`,
    post_logout_redirect_uri: `${origin}/sign-in`,
    response_type: 'code',
    scope: oidc.scopes,
    // RFC 8707: the token is for this API (providers that do not know the parameter ignore it).
    extraQueryParams: { resource: oidc.audience },
    automaticSilentRenew: true,
    // The console's own session check is the API's answer; no check_session iframe.
    monitorSession: false,
  };
}

/** The one UserManager of this page, made from the service's configuration. */
function userManager(): Promise<UserManager> {
  manager ??= authConfig().then((config) => {
    if (!config.oidc?.clientId) throw new Error('No identity provider is configured');
    const created = new UserManager(settingsOf(config.oidc));
    // A renewed token replaces the stored one; one that expires unrenewed ends the session.
    created.events.addUserLoaded((user) => renewToken(user.access_token));
    created.events.addAccessTokenExpired(() => signOut('expired'));
    return created;
  });
  return manager;
}

export async function startSignIn(returnTo: string): Promise<void> {
  await (await userManager()).signinRedirect({ state: { returnTo } });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Who the token names, by the API. A 503 means the API could not reach the provider's keys just
 * now (it fails fast for a few seconds after a failed discovery): asked again, twice, before giving up.
 */
async function identityOf(token: string, attempts = 3): Promise<Identity> {
  try {
    return await unwrap(api.GET('/auth/me', { headers: { Authorization: `Bearer ${token}` } }));
  } catch (e) {
    if (attempts <= 1 || !(e instanceof ApiFailure && e.status === 503)) throw e;
    await pause(2_000);
    return identityOf(token, attempts - 1);
  }
}

let completing: Promise<{ session?: Session; returnTo: string }> | undefined;

/**
 * Completes the sign-in at /auth/callback: the session, and where the user was going. Once per page:
 * the code is good for one exchange, however often the callback screen mounts.
 */
export function completeSignIn(): Promise<{ session?: Session; returnTo: string }> {
  completing ??= (async () => {
    const user: User = await (await userManager()).signinRedirectCallback();
    const identity = await identityOf(user.access_token);
    const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo ?? '/';
    return { session: signIn(user.access_token, identity), returnTo };
  })();
  return completing;
}

/** In the hidden frame of a silent renewal (/auth/silent): hands the answer to the page. */
export async function completeSilentRenewal(): Promise<void> {
  await (await userManager()).signinSilentCallback();
}

/** After a reload: the provider's session is still in sessionStorage; keep renewing it. */
export async function resume(): Promise<void> {
  const user = await (await userManager()).getUser();
  if (!user || user.expired) signOut('expired');
}

export async function signOutAtProvider(): Promise<void> {
  const users = await userManager();
  const user = await users.getUser();
  signOut();
  await users.removeUser();
  await users.signoutRedirect({ id_token_hint: user?.id_token });
}
