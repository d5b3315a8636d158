// TanStack Query keys, in one place, so that a step's answer can update or invalidate exactly
// the lists and views it changed.
import type { SubjectResource } from '../vocabulary';

export const keys = {
  tasks: (filters: object) => ['tasks', filters] as const,
  allTasks: ['tasks'] as const,
  case: (resource: SubjectResource, id: string) => ['case', resource, id] as const,
  /** Under the case's key: invalidating the case reads its documents again too. */
  caseDocuments: (resource: SubjectResource, id: string) => ['case', resource, id, 'documents'] as const,
  enterprise: (id: string) => ['enterprise', id] as const,
  enterpriseProcesses: (id: string) => ['enterprise', id, 'processes'] as const,
  creditFile: (id: string) => ['enterprise', id, 'credit-file'] as const,
  catalog: ['catalog'] as const,
  stats: (query: object) => ['stats', query] as const,
  audit: (filters: object) => ['audit', filters] as const,
  inspections: (query: object) => ['inspections', query] as const,
  allInspections: ['inspections'] as const,
  whitelist: (agency: string) => ['whitelist', agency] as const,
  inbox: ['notifications', 'inbox'] as const,
  unreadNotifications: ['notifications', 'unread'] as const,
};
