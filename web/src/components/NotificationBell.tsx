// The header's bell: a link to the inbox, with the number of unread notifications on it (in its
// name too, for screen readers). It is on every screen, the first ones included, so it costs one
// small request (api/unreadNotifications.ts), and Ant Design's Badge (a few KB) loads only when there is
// something unread to show on it.
import { BellOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UNREAD_CAP, useUnreadCount } from '../api/unreadNotifications';

const UnreadBadge = lazy(() => import('./UnreadBadge'));

export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useUnreadCount();
  const count = data?.more ? UNREAD_CAP : (data?.count ?? 0);
  const label = data?.more
    ? t('inbox.bellMany', { count: UNREAD_CAP - 1 })
    : count > 0
      ? t('inbox.bellUnread', { count })
      : t('nav.notifications');
  const bell = <BellOutlined aria-hidden className="shell-bell-icon" />;
  return (
    <Link to="/notifications" aria-label={label} className="shell-bell">
      {count > 0 ? (
        <Suspense fallback={bell}>
          <UnreadBadge count={count} cap={UNREAD_CAP}>
            {bell}
          </UnreadBadge>
        </Suspense>
      ) : (
        bell
      )}
    </Link>
  );
}
