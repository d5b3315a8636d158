// The signed-in user: the bearer token in sessionStorage `tempered.token` (the contract's key;
// per tab, gone when the tab closes), and the claims read from it. The console only reads the
// claims to choose screens and menus; the API verifies the token on every call.
import { useSyncExternalStore } from 'react';

export const ROLES = ['officer', 'business', 'credit_staff', 'legal_reviewer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The roles the development sign-in offers: every role the API's tokens know. */
export const SIGN_IN_ROLES = ROLES;
/** Roles that work on cases for an agency or oversee them, as opposed to a business. */
export const STAFF_ROLES = ROLES.filter((r) => r !== 'business');

export interface Session {
  token: string;
  sub: string;
  role: Role;
  enterpriseId?: string;
  agency?: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Who the token names, as the API reads it (`GET /auth/me`), when its claims do not say it plainly. */
export type Identity = Pick<Session, 'sub' | 'role' | 'enterpriseId' | 'agency'>;

const TOKEN_KEY = 'tempered.token';
/** An identity provider's token carries roles where the provider puts them: the API's reading of it. */
const IDENTITY_KEY = 'tempered.identity';
/** Why the last session ended, for the sign-in page to say so (`expired`). */
const ENDED_KEY = 'tempered.ended';
const listeners = new Set<() => void>();
let cached: { token: string | null; identity: string | null; session: Session | undefined } = {
  token: null,
  identity: null,
  session: undefined,
};

function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function decode(token: string, identity: string | null): Session | undefined {
  const claims = claimsOf(token);
  if (typeof claims?.exp !== 'number') return undefined;
  const who = (identity ? (JSON.parse(identity) as Partial<Identity>) : claims) as Partial<Session>;
  if (!who.sub || !ROLES.includes(who.role as Role)) return undefined;
  const { sub, role, enterpriseId, agency } = who as Session;
  return { sub, role, enterpriseId, agency, exp: claims.exp, token };
}

/** The current session, or undefined when signed out or the token has expired. */
export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const identity = sessionStorage.getItem(IDENTITY_KEY);
  if (token !== cached.token || identity !== cached.identity)
    cached = { token, identity, session: token ? decode(token, identity) : undefined };
  const session = cached.session;
  return session && session.exp * 1000 > Date.now() ? session : undefined;
}

const notify = () => listeners.forEach((listener) => listener());

/** Starts a session with `token`; `identity` when its claims are a provider's, not the API's own. */
export function signIn(token: string, identity?: Identity): Session | undefined {
  sessionStorage.setItem(TOKEN_KEY, token);
  if (identity) sessionStorage.setItem(IDENTITY_KEY, JSON.stringify(identity));
  else sessionStorage.removeItem(IDENTITY_KEY);
  sessionStorage.removeItem(ENDED_KEY);
  notify();
  return currentSession();
}

/** A renewed token for the same person (silent renewal). */
export function renewToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  notify();
}

export function signOut(reason?: 'expired'): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(IDENTITY_KEY);
  if (reason) sessionStorage.setItem(ENDED_KEY, reason);
  notify();
}

/** Whether the last session ended because its token expired (cleared by the next sign-in). */
export const sessionExpired = (): boolean => sessionStorage.getItem(ENDED_KEY) === 'expired';

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const useSession = (): Session | undefined => useSyncExternalStore(subscribe, currentSession);

export const isStaff = (session: Session | undefined): boolean => !!session && session.role !== 'business';
