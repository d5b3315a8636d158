// The signed-in user: the bearer token in sessionStorage `tempered.token` (the contract's key;
// per tab, gone when the tab closes), and the claims read from it. The console only reads the
// claims to choose screens and menus; the API verifies the token on every call.
import { useSyncExternalStore } from 'react';

export const ROLES = ['officer', 'business', 'credit_staff', 'legal_reviewer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The roles the development sign-in offers: those the API's tokens know today (legal review comes later). */
export const SIGN_IN_ROLES = ROLES.filter((r) => r !== 'legal_reviewer');
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

const TOKEN_KEY = 'tempered.token';
const listeners = new Set<() => void>();
let cached: { token: string | null; session: Session | undefined } = { token: null, session: undefined };

function decode(token: string): Session | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Session>;
    if (!claims.sub || !ROLES.includes(claims.role as Role) || typeof claims.exp !== 'number') return undefined;
    return { ...(claims as Session), token };
  } catch {
    return undefined;
  }
}

/** The current session, or undefined when signed out or the token has expired. */
export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token !== cached.token) cached = { token, session: token ? decode(token) : undefined };
  const session = cached.session;
  return session && session.exp * 1000 > Date.now() ? session : undefined;
}

const notify = () => listeners.forEach((listener) => listener());

export function signIn(token: string): Session | undefined {
  sessionStorage.setItem(TOKEN_KEY, token);
  notify();
  return currentSession();
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const useSession = (): Session | undefined => useSyncExternalStore(subscribe, currentSession);

export const isStaff = (session: Session | undefined): boolean => !!session && session.role !== 'business';
