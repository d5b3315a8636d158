// A due date with what it means today: "还剩 3 个工作日", "已逾期 2 个工作日", and the mark of a
// provisional date (a year whose holidays are not published yet).
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, workingDaysLeft } from '../format/dates';

/** How many working days before a due date it counts as "due soon". */
export const DUE_SOON_WORKING_DAYS = 3;

export function DueText(props: { date: string; provisional?: boolean; overdue?: boolean; showLeft?: boolean }) {
  const { t } = useTranslation();
  const left = workingDaysLeft(props.date);
  const overdue = props.overdue ?? left < 0;
  return (
    <Space size={4} wrap>
      <span>{formatDate(props.date)}</span>
      {props.provisional && (
        <Tooltip title={t('dates.provisionalHint')}>
          <Tag color="gold">{t('dates.provisional')}</Tag>
        </Tooltip>
      )}
      {props.showLeft !== false &&
        (overdue ? (
          <Typography.Text type="danger">{t('dates.overdueBy', { count: Math.max(1, -left) })}</Typography.Text>
        ) : (
          <Typography.Text type={left <= DUE_SOON_WORKING_DAYS ? 'warning' : 'secondary'}>
            {left === 0 ? t('dates.dueToday') : t('dates.daysLeft', { count: left })}
          </Typography.Text>
        ))}
    </Space>
  );
}
