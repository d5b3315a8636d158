// The bell's count of unread notifications, apart from the inbox's hooks (notifications.ts): it is on
// every screen, the first ones included, which should not carry the inbox's paging and mutation code.
// The API counts nothing, so the bell asks for the first few unread ones (`unread=true&limit=…`):
// a small answer, and "9+" beyond them.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './keys';

/** The bell counts up to this many unread notifications; more show as `UNREAD_CAP - 1`+. */
export const UNREAD_CAP = 10;
/** How often the bell looks again while the console is in view (and whenever it comes back into view). */
const UNREAD_EVERY_MS = 60_000;

/** How many unread notifications the caller has, up to UNREAD_CAP (`more`: at least that many). */
export const useUnreadCount = () =>
  useQuery({
    queryKey: keys.unreadNotifications,
    queryFn: () => unwrap(api.GET('/notifications', { params: { query: { unread: 'true', limit: UNREAD_CAP } } })),
    select: (page) => ({ count: page.notifications.length, more: page.nextCursor !== undefined }),
    refetchOnWindowFocus: true,
    refetchInterval: UNREAD_EVERY_MS,
  });
