// The caller's inbox (通知): its pages newest first by the API's cursor, the unread count the
// shell's bell shows, and marking one read. The API counts nothing, so the bell asks for the first
// few unread ones (`unread=true&limit=…`): a small answer on every screen, and "9+" beyond them.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './keys';
import type { paths } from './schema';

export type InboxPage = paths['/notifications']['get']['responses'][200]['content']['application/json'];
export type Notification = InboxPage['notifications'][number];

const PAGE = 20;
/** The bell counts up to this many unread notifications; more show as `UNREAD_CAP - 1`+. */
export const UNREAD_CAP = 10;
/** How often the bell looks again while the console is in view (and whenever it comes back into view). */
const UNREAD_EVERY_MS = 60_000;

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

/** How many unread notifications the caller has, up to UNREAD_CAP (`more`: at least that many). */
export const useUnreadCount = () =>
  useQuery({
    queryKey: keys.unreadNotifications,
    queryFn: () => unwrap(api.GET('/notifications', { params: { query: { unread: 'true', limit: UNREAD_CAP } } })),
    select: (page) => ({ count: page.notifications.length, more: page.nextCursor !== undefined }),
    refetchOnWindowFocus: true,
    refetchInterval: UNREAD_EVERY_MS,
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
