// Statistics, the audit trail and bulk deadline extensions: the oversight and batch resources.
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './keys';
import type { BodyOf } from './types';

/** The /stats figures for each of the given ranges (one request per range, e.g. per month). */
export const useStatsRanges = (ranges: ReadonlyArray<{ from: string; to: string }>) =>
  useQueries({
    queries: ranges.map(({ from, to }) => ({
      queryKey: keys.stats(from, to),
      queryFn: () => unwrap(api.GET('/stats', { params: { query: { range: { from, to } } } })),
    })),
  });

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
