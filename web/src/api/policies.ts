// An agency's policy (the version in force and every version) and its lists, for the policies
// screen; admins store a new version or change a list entry, each from a date and with a reason.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type PolicyChange = paths['/policies/{agency}']['put']['requestBody']['content']['application/json'];
export type ListEntryChange =
  paths['/agencies/{agency}/lists/{code}']['put']['requestBody']['content']['application/json'];

const path = (agency: string) => ({ params: { path: { agency } } });

export const useAgencies = () =>
  useQuery({
    queryKey: ['agencies'],
    queryFn: () => unwrap(api.GET('/agencies')),
    select: (answer) => answer.agencies,
  });

export const usePolicy = (agency: string | undefined) =>
  useQuery({
    queryKey: ['policy', agency],
    enabled: !!agency,
    queryFn: () => unwrap(api.GET('/policies/{agency}', path(agency!))),
  });

export const usePolicyVersions = (agency: string | undefined) =>
  useQuery({
    queryKey: ['policy', agency, 'versions'],
    enabled: !!agency,
    queryFn: () => unwrap(api.GET('/policies/{agency}/versions', path(agency!))),
  });

export const useAgencyLists = (agency: string | undefined) =>
  useQuery({
    queryKey: ['policy', agency, 'lists'],
    enabled: !!agency,
    queryFn: () => unwrap(api.GET('/agencies/{agency}/lists', path(agency!))),
  });

export function useNewPolicyVersion(agency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PolicyChange) => unwrap(api.PUT('/policies/{agency}', { ...path(agency), body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['policy', agency] }),
  });
}

export function useChangeListEntry(agency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: ListEntryChange }) =>
      unwrap(api.PUT('/agencies/{agency}/lists/{code}', { params: { path: { agency, code } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['policy', agency] }),
  });
}
