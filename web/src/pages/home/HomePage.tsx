// `/`: the signed-in role's home, the to-do list for staff, 我的办件 for a business.
import { useSession } from '../../auth/session';
import { BusinessHome } from './BusinessHome';
import { StaffHome } from './StaffHome';

export default function HomePage() {
  const session = useSession();
  return session?.role === 'business' ? <BusinessHome enterpriseId={session.enterpriseId!} /> : <StaffHome />;
}
