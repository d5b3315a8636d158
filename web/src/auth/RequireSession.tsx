// Screens that need a signed-in user: without a session, to the sign-in page (which returns here
// afterwards); with a role the screen is not for, the forbidden page.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ForbiddenResult } from '../components/Results';
import { useSession, type Role } from './session';

export function RequireSession({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (roles && !roles.includes(session.role)) return <ForbiddenResult />;
  return <>{children}</>;
}
