// The side menu, by role, and who may open each screen.
import type { Role } from './auth/session';

export interface NavItem {
  path: string;
  /** Key under `nav.` in the message files. */
  label: string;
  roles: readonly Role[];
}

const STAFF: Role[] = ['officer', 'credit_staff', 'legal_reviewer', 'auditor', 'admin'];
const OVERSIGHT: Role[] = ['officer', 'credit_staff', 'auditor', 'admin'];

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'home', roles: STAFF },
  { path: '/', label: 'myCases', roles: ['business'] },
  { path: '/enterprises', label: 'enterprises', roles: STAFF },
  { path: '/rectifications/new', label: 'newRectification', roles: ['officer'] },
  { path: '/observation-periods/new', label: 'newObservation', roles: ['officer'] },
  { path: '/penalty-records/new', label: 'newPenaltyRecord', roles: ['officer', 'credit_staff'] },
  { path: '/bulk-extensions', label: 'bulkExtension', roles: ['officer', 'admin'] },
  { path: '/stats', label: 'stats', roles: OVERSIGHT },
  { path: '/audit', label: 'audit', roles: ['auditor', 'admin'] },
  { path: '/catalog', label: 'catalog', roles: STAFF },
  { path: '/policies', label: 'policies', roles: STAFF },
  { path: '/inspections', label: 'inspections', roles: ['officer'] },
  { path: '/notifications', label: 'notifications', roles: [...STAFF, 'business'] },
];

export const menuFor = (role: Role): NavItem[] => NAV_ITEMS.filter((i) => i.roles.includes(role));

/** Who may open a screen at all (others see the forbidden page); from the same table as the menu. */
export const rolesFor = (path: string): readonly Role[] =>
  NAV_ITEMS.filter((i) => i.path === path).flatMap((i) => i.roles);
