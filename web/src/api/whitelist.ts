// An agency's whitelist (白名单, 无事不扰) with its history: listing an enterprise until a day, and
// taking it off earlier with a reason.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './keys';
import type { BodyOf } from './types';

export const useWhitelist = (agency: string | undefined) =>
  useQuery({
    queryKey: keys.whitelist(agency ?? ''),
    enabled: !!agency,
    queryFn: () => unwrap(api.GET('/whitelist', { params: { query: { agency } } })),
    select: (answer) => answer.entries,
  });

export function useAddToWhitelist(agency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/whitelist'>) => unwrap(api.POST('/whitelist', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.whitelist(agency) }),
  });
}

export function useRemoveFromWhitelist(agency: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string }) => unwrap(api.DELETE('/whitelist/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.whitelist(agency) }),
  });
}
