// The caller's work list. The API pages it by cursor, soonest first; the console reads on until
// the end (up to MAX_TASKS) so that the counts and the filters it applies cover the whole list,
// while the first page is on screen as soon as it arrives.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from './client';
import { keys } from './keys';
import type { Task } from './types';

const PAGE = 200;
export const MAX_TASKS = 2_000;

export function useTaskList() {
  const query = useInfiniteQuery({
    queryKey: keys.tasks({}),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/tasks', { params: { query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last, pages) => (pages.length * PAGE < MAX_TASKS ? last.nextCursor : undefined),
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const tasks: Task[] = query.data?.pages.flatMap((p) => p.tasks) ?? [];
  return { ...query, tasks, complete: !!query.data && !hasNextPage };
}
