// The caller's inbox (通知): its pages newest first by the API's cursor, and marking one read, which
// the bell's count (unreadNotifications.ts) follows.
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './keys';
import type { paths } from './schema';

export type InboxPage = paths['/notifications']['get']['responses'][200]['content']['application/json'];
export type Notification = InboxPage['notifications'][number];

const PAGE = 20;
export const useInbox = () =>
  useInfiniteQuery({
    queryKey: keys.inbox,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/notifications', { params: { query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

/**
 * Marks a notification read. The inbox shows the answer in place (no page is read again) and the
 * bell counts again. Set on the hook, not per call, so that it completes after the screen is left
 * (opening a notification marks it and moves to its case at once).
 */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: async (read) => {
      client.setQueryData<InfiniteData<InboxPage>>(keys.inbox, (inbox) =>
        inbox
          ? {
              ...inbox,
              pages: inbox.pages.map((page) => ({
                ...page,
                notifications: page.notifications.map((n) => (n.id === read.id ? read : n)),
              })),
            }
          : inbox,
      );
      await client.invalidateQueries({ queryKey: keys.unreadNotifications });
    },
  });
}
