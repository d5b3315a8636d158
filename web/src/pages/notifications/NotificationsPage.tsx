// 通知: the signed-in user's inbox (deadlines, decisions, reminders, documents issued), newest
// first, a page at a time ("load more" follows the API's cursor). Opening one marks it read and
// leads to its case; the shell's bell counts the unread ones.
import { Button, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useInbox } from '../../api/notifications';
import { Loaded } from '../../components/Results';
import { NotificationItem } from './NotificationItem';

export default function NotificationsPage() {
  const { t } = useTranslation();
  const inbox = useInbox();
  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1} id="inbox-title">
        {t('inbox.title')}
      </Typography.Title>
      <Loaded query={inbox}>
        {({ pages }) => {
          const notifications = pages.flatMap((p) => p.notifications);
          if (notifications.length === 0) return <Empty description={t('inbox.empty')} />;
          return (
            <>
              <ul className="inbox-list" aria-labelledby="inbox-title">
                {notifications.map((n) => (
                  <NotificationItem key={n.id} notification={n} />
                ))}
              </ul>
              {inbox.hasNextPage && (
                <Button
                  className="inbox-more"
                  onClick={() => void inbox.fetchNextPage()}
                  loading={inbox.isFetchingNextPage}
                >
                  {t('inbox.more')}
                </Button>
              )}
            </>
          );
        }}
      </Loaded>
    </Space>
  );
}
