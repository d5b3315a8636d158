// One notification: unread ones in bold with a dot and, for screen readers, the word; its title
// opens the case it concerns (marking it read on the way), and "mark read" marks it without leaving.
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarkRead, type Notification } from '../../api/notifications';
import { formatInstant } from '../../format/dates';
import { caseOf } from './caseLink';
import { useNotificationTitle } from './notificationTitle';

export function NotificationItem({ notification: n }: { notification: Notification }) {
  const { t } = useTranslation();
  const titleOf = useNotificationTitle();
  const markRead = useMarkRead();
  const unread = !n.readAt;
  const concerns = caseOf(n.link);
  const title = (
    <>
      {titleOf(n)}
      {unread && <span className="visually-hidden">{t('inbox.unreadMark')}</span>}
    </>
  );
  const mark = () => {
    if (unread && !markRead.isPending) markRead.mutate(n.id);
  };
  return (
    <li className={unread ? 'inbox-item inbox-item-unread' : 'inbox-item'}>
      <div className="inbox-head">
        {unread && <span className="unread-dot" aria-hidden />}
        {concerns ? (
          <Link to={concerns.path} onClick={mark} className="inbox-title">
            {title}
          </Link>
        ) : (
          <span className="inbox-title">{title}</span>
        )}
      </div>
      <Typography.Paragraph className="inbox-body">{n.body}</Typography.Paragraph>
      <div className="inbox-meta">
        <Typography.Text type="secondary">
          <time dateTime={n.createdAt}>{formatInstant(n.createdAt)}</time>
        </Typography.Text>
        {concerns && (
          <Typography.Text type="secondary">
            {t('inbox.concerns', { process: t(`processes.${concerns.subject}`) })}
          </Typography.Text>
        )}
        {unread && (
          <Button className="inbox-action" onClick={mark} loading={markRead.isPending}>
            {t('inbox.markRead')}
          </Button>
        )}
        {markRead.isError && (
          <Typography.Text type="danger" role="alert">
            {t('inbox.markFailed')}
          </Typography.Text>
        )}
      </div>
    </li>
  );
}
