// OpenID Connect sign-in, when the service names an identity provider (`GET /auth/config`, mode
// `oidc`): the authorization-code flow with PKCE through oidc-client-ts (auth/oidcClient.ts, fetched
// only then: development sign-ins never load it). This module is what the rest of the console sees:
// whether a provider is configured, and signing out of wherever the session came from.
import { api, unwrap } from '../api/client';
import type { AuthConfig } from '../api/types';
import { signOut } from './session';

export interface OidcProvider {
  /** Shown on the button: the provider's host, e.g. `sso.samr.gov.cn`. */
  name: string;
  /** Starts the redirect to the provider; `/auth/callback` completes the sign-in. */
  start(returnTo: string): Promise<void>;
}

/** How this service signs people in. */
export const authConfig = (): Promise<AuthConfig> => unwrap(api.GET('/auth/config'));

export async function oidcProvider(config?: AuthConfig): Promise<OidcProvider | undefined> {
  const { oidc } = config ?? (await authConfig());
  if (!oidc?.clientId) return undefined;
  return {
    name: new URL(oidc.issuer).host,
    start: async (returnTo) => (await import('./oidcClient')).startSignIn(returnTo),
  };
}

/** oidc-client-ts keeps its user under `oidc.user:<issuer>:<client>` in sessionStorage. */
export const hasProviderSession = (): boolean =>
  Object.keys(sessionStorage).some((key) => key.startsWith('oidc.user:'));

/** After a reload: resumes silent renewal of a provider's session (a no-op for development sign-ins). */
export function resumeProviderSession(): void {
  if (hasProviderSession()) void import('./oidcClient').then((client) => client.resume());
}

/** Signs out here, and at the provider when the session came from it (which returns to /sign-in). */
export async function signOutEverywhere(): Promise<'here' | 'provider'> {
  if (!hasProviderSession()) {
    signOut();
    return 'here';
  }
  await (await import('./oidcClient')).signOutAtProvider();
  return 'provider';
}
