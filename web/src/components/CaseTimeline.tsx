// A case's timeline: what happened (the workflow's history: who, when, why), then what is planned
// (open steps and milestones with their due dates), planned ones dashed and provisional dates
// marked. The planned milestones are the API's: each case page passes the dates its view gives.
import { ClockCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, OpenStep } from '../api/types';
import { formatInstant } from '../format/dates';
import { DueText } from './DueText';

export interface PlannedMilestone {
  key: string;
  /** Already translated. */
  label: string;
  date: string;
  provisional?: boolean;
  overdue?: boolean;
}

/** A case's open steps as planned milestones, each labelled by its step. */
export const openStepMilestones = (steps: OpenStep[], label: (step: string) => string): PlannedMilestone[] =>
  steps.map((s, i) => ({
    key: `${s.step}${i}`,
    label: label(s.step),
    date: s.dueOn,
    provisional: s.provisional,
    overdue: s.overdue,
  }));

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const action =
    t(`history.${entry.action}`, { defaultValue: '' }) || t('history.generic', { from: entry.from, to: entry.to });
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{action}</Typography.Text>
      <Typography.Text type="secondary">
        {formatInstant(entry.at)} · {t(`roles.${entry.role}`, { defaultValue: entry.role })} {entry.actor}
      </Typography.Text>
      {entry.reason && <Typography.Paragraph className="history-reason">{entry.reason}</Typography.Paragraph>}
    </Space>
  );
}

export function CaseTimeline({ history, planned }: { history: HistoryEntry[]; planned: PlannedMilestone[] }) {
  const { t } = useTranslation();
  const past = history.map((entry, i) => ({
    key: `h${i}`,
    color: entry.to === 'escalated' || entry.to === 'overdue' ? 'red' : 'blue',
    content: <HistoryItem entry={entry} />,
  }));
  const future = [...planned]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((m) => ({
      key: `p${m.key}`,
      color: m.overdue ? 'red' : 'gray',
      className: 'timeline-planned',
      icon: <ClockCircleOutlined aria-hidden />,
      content: (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <Tag>{t('timeline.planned')}</Tag>
            <Typography.Text>{m.label}</Typography.Text>
          </Space>
          <DueText date={m.date} provisional={m.provisional} overdue={m.overdue} />
        </Space>
      ),
    }));
  return (
    <section aria-label={t('timeline.title')}>
      <Timeline items={[...past, ...future]} />
    </section>
  );
}
