// The header's bell: a link to the inbox, with the number of unread notifications on it (in its
// name too, for screen readers). It is on every screen, the first ones included, so it costs one
// small request (api/notifications.ts) and Ant Design's Badge.
import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UNREAD_CAP, useUnreadCount } from '../api/notifications';

export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useUnreadCount();
  const count = data?.count ?? 0;
  const label = data?.more
    ? t('inbox.bellMany', { count: UNREAD_CAP - 1 })
    : count > 0
      ? t('inbox.bellUnread', { count })
      : t('nav.notifications');
  return (
    <Link to="/notifications" aria-label={label} className="shell-bell">
      {/* Its tooltip says what it shows ("9+"), not the number of unread notifications fetched. */}
      <Badge
        count={count}
        overflowCount={UNREAD_CAP - 1}
        title={data?.more ? `${UNREAD_CAP - 1}+` : undefined}
        size="small"
      >
        <BellOutlined aria-hidden className="shell-bell-icon" />
      </Badge>
    </Link>
  );
}
