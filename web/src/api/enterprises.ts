// An enterprise: its profile, its processes (the business's cases), its credit file.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './keys';
import type { BodyOf } from './types';

const byId = (id: string) => ({ params: { path: { id } } });

export const useEnterprise = (id: string | undefined) =>
  useQuery({
    queryKey: keys.enterprise(id ?? ''),
    queryFn: () => unwrap(api.GET('/enterprises/{id}', byId(id!))),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });

export const useEnterpriseProcesses = (id: string | undefined) =>
  useQuery({
    queryKey: keys.enterpriseProcesses(id ?? ''),
    queryFn: () => unwrap(api.GET('/enterprises/{id}/processes', byId(id!))),
    enabled: !!id,
  });

export const useCreditFile = (id: string) =>
  useQuery({
    queryKey: keys.creditFile(id),
    queryFn: () => unwrap(api.GET('/enterprises/{id}/credit-file', byId(id))),
  });

export function useRegisterEnterprise() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/enterprises'>) => unwrap(api.POST('/enterprises', { body })),
    onSuccess: (profile) => client.setQueryData(keys.enterprise(profile.id), profile),
  });
}
