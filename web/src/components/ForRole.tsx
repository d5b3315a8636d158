// What the signed-in user's role gets on a screen (a case's actions): the business's, the
// officer's, …; nothing for a role the screen gives nothing.
import type { ReactNode } from 'react';
import { useSession, type Role } from '../auth/session';

export function ForRole({ roles }: { roles: Partial<Record<Role, ReactNode>> }) {
  const role = useSession()?.role;
  return <>{role ? (roles[role] ?? null) : null}</>;
}
