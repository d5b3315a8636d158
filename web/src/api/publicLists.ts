// The public disclosure of each agency's lists (/public/v1, no token): what the public lists page
// shows. Its own client: these paths are not under /api/v1, and no token goes with them.
import { useQuery } from '@tanstack/react-query';
import createClient from 'openapi-fetch';
import { unwrap } from './client';
import type { paths } from './schema';

const publicApi = createClient<paths>({ baseUrl: '' });

export type ListName = 'no_penalty' | 'lighter_penalty' | 'mitigated_penalty' | 'no_coercion';
export const LIST_NAMES: readonly ListName[] = ['no_penalty', 'lighter_penalty', 'mitigated_penalty', 'no_coercion'];

export const usePublicAgencies = () =>
  useQuery({
    queryKey: ['public', 'agencies'],
    queryFn: () => unwrap(publicApi.GET('/public/v1/agencies')),
    select: (answer) => answer.agencies,
    staleTime: 10 * 60_000,
  });

export const usePublicLists = (agency: string | undefined, list: ListName | undefined) =>
  useQuery({
    queryKey: ['public', 'lists', agency, list],
    enabled: !!agency,
    queryFn: () => unwrap(publicApi.GET('/public/v1/lists', { params: { query: { agency: agency!, list } } })),
  });

export const usePublicListChanges = (agency: string | undefined) =>
  useQuery({
    queryKey: ['public', 'changes', agency],
    enabled: !!agency,
    queryFn: () => unwrap(publicApi.GET('/public/v1/lists/changes', { params: { query: { agency } } })),
    select: (answer) => answer.changes,
  });

/** The CSV of an agency's lists (UTF-8 with BOM, opens in Excel): a plain link, no token needed. */
export const publicListsCsv = (agency: string) => `/public/v1/lists.csv?agency=${encodeURIComponent(agency)}`;
