// Statistics, the audit trail and bulk deadline extensions: the oversight and batch resources.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { fetchBlob } from './files';
import type { paths } from './schema';
import { keys } from './keys';
import type { BodyOf } from './types';

/** What the statistics are asked for: a range of days, a grouping, an agency or an area. */
export interface StatsQuery {
  from: string;
  to: string;
  groupBy?: 'month' | 'agency' | 'area' | 'matter';
  agency?: string;
  area?: NonNullable<NonNullable<paths['/stats']['get']['parameters']['query']>['range']>['area'];
}

/** The /stats figures for the query, overall and per group. */
export const useStats = (query: StatsQuery) =>
  useQuery({
    queryKey: keys.stats(query),
    queryFn: () => unwrap(api.GET('/stats', { params: { query: { range: query } } })),
  });

/** The same figures as the service's CSV (`/stats.csv`: UTF-8 with BOM, one row per group). */
export async function statsCsv(query: StatsQuery): Promise<Blob> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as string[][]);
  return fetchBlob(`/stats.csv?${params}`);
}

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  actor?: string;
}

export const useAuditTrail = (filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: keys.audit(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/audit', {
          params: { query: { ...filters, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

export function useBulkExtension() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/bulk/deadline-extensions'>) => unwrap(api.POST('/bulk/deadline-extensions', { body })),
    onSuccess: (answer) => (answer.dryRun ? undefined : client.invalidateQueries({ queryKey: keys.allTasks })),
  });
}

export const useDevToken = () =>
  useMutation({
    mutationFn: (body: BodyOf<'/dev/tokens'>) => unwrap(api.POST('/dev/tokens', { body })),
  });

export const useChainVerification = () =>
  useQuery({
    queryKey: ['audit', 'verification'],
    queryFn: () => unwrap(api.GET('/audit/verification', {})),
  });
