// The catalog of enforcement matters, read once and kept: it changes only by an admin's edit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './keys';
import type { paths } from './schema';
import type { Matter } from './types';

export type MatterBody = NonNullable<
  paths['/catalog/matters/{code}']['put']['requestBody']
>['content']['application/json'];

export const useCatalog = () =>
  useQuery({
    queryKey: keys.catalog,
    queryFn: () => unwrap(api.GET('/catalog/matters', {})),
    staleTime: 10 * 60_000,
    select: (list) => list.matters,
  });

/** One matter from the cached catalog (undefined while loading or for an unknown code). */
export function useMatter(code: string | null | undefined): Matter | undefined {
  const { data } = useCatalog();
  return data?.find((m) => m.code === code);
}

export function useSaveMatter() {
  const client = useQueryClient();
  return useMutation({
    // If-Match: an admin who edited a stale copy gets VERSION_CONFLICT instead of overwriting.
    mutationFn: ({ code, version, body }: { code: string; version: number; body: MatterBody }) =>
      unwrap(
        api.PUT('/catalog/matters/{code}', {
          params: { path: { code } },
          headers: { 'If-Match': `"${version}"` },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.catalog }),
  });
}
