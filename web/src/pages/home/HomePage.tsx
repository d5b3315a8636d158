// `/`: the signed-in role's home, the to-do list for staff, 我的办件 for a business. Each loads
// on its own: a business's cards and steppers are not part of an officer's first screen.
import { lazy } from 'react';
import { useSession } from '../../auth/session';

const StaffHome = lazy(() => import('./StaffHome'));
const BusinessHome = lazy(() => import('./BusinessHome'));

export default function HomePage() {
  const session = useSession();
  return session?.role === 'business' ? <BusinessHome enterpriseId={session.enterpriseId!} /> : <StaffHome />;
}
