// An observation period (观察期): its dates and basis, the soft measures and incidents recorded,
// the monthly check-ins, the actions open to the caller, and the timeline.
import { Descriptions, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useParams } from 'react-router';
import { useCaseView } from '../../api/cases';
import type { ObservationView } from '../../api/types';
import { CaseDocuments } from '../../components/CaseDocuments';
import { CaseHeader, CasePageLayout } from '../../components/CaseHeader';
import { CaseTimeline, openStepMilestones, type PlannedMilestone } from '../../components/CaseTimeline';
import { DueText } from '../../components/DueText';
import { LegalReviewRounds } from '../../components/LegalReview';
import { Loaded } from '../../components/Results';
import { formatDate, formatInstant } from '../../format/dates';
import { ObservationActions } from './ObservationActions';

function planned(view: ObservationView, label: (key: string) => string): PlannedMilestone[] {
  const steps = openStepMilestones(view.openSteps, (step) => label(`steps.${step}`));
  const checkIns = view.checkIns
    .filter((c) => c.status === 'planned')
    .map((c) => ({ key: `c${c.number}`, label: label('steps.check_in'), date: c.dueOn, provisional: c.provisional }));
  const end =
    view.status === 'active' || view.status === 'pending_consent'
      ? [{ key: 'end', label: label('observation.periodEnds'), date: view.endDate }]
      : [];
  return [...steps, ...checkIns, ...end];
}

function Observation({ view }: { view: ObservationView }) {
  const { t } = useTranslation();
  return (
    <CasePageLayout
      title={t('observation.title')}
      header={
        <CaseHeader
          processType="observation_period"
          view={view}
          extra={[
            { key: 'start', label: t('observation.startDate'), children: formatDate(view.startDate) },
            { key: 'end', label: t('observation.endDate'), children: formatDate(view.endDate) },
            {
              key: 'months',
              label: t('observation.months'),
              children: t('observation.monthCount', { count: view.months }),
            },
            ...(view.status === 'pending_consent'
              ? [
                  {
                    key: 'consentDue',
                    label: t('observation.consentDue'),
                    children: <DueText date={view.consentDue.date} provisional={view.consentDue.provisional} />,
                  },
                ]
              : []),
            ...(view.status === 'awaiting_conclusion'
              ? [
                  {
                    key: 'conclusionDue',
                    label: t('observation.conclusionDue'),
                    children: <DueText date={view.conclusionDue.date} provisional={view.conclusionDue.provisional} />,
                  },
                ]
              : []),
          ]}
        />
      }
      actions={<ObservationActions view={view} />}
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'basis', label: t('observation.legalBasis'), children: view.legalBasis },
          { key: 'reason', label: t('observation.reason'), children: view.reason },
          ...(view.outcome
            ? [
                {
                  key: 'outcome',
                  label: t('observation.outcome'),
                  children: `${t(`status.observation_period.${view.outcome.result}`)} · ${formatDate(view.outcome.decidedOn)} · ${view.outcome.reason}`,
                },
              ]
            : []),
          ...(view.pendingConclusion
            ? [
                {
                  key: 'pending',
                  label: t('legalReview.pendingConclusion'),
                  children: `${t(`status.observation_period.${view.pendingConclusion.outcome}`)} · ${view.pendingConclusion.reason}`,
                },
              ]
            : []),
        ]}
      />
      <LegalReviewRounds view={view} />
      <Typography.Title level={2}>{t('observation.measures')}</Typography.Title>
      <ScrollRegion label={t('observation.measures')}>
        <Table
          size="small"
          rowKey="number"
          pagination={false}
          style={{ minWidth: 560 }}
          dataSource={view.measures}
          locale={{ emptyText: t('common.none') }}
          columns={[
            { title: t('observation.measureDate'), dataIndex: 'date', render: (d: string) => formatDate(d) },
            { title: t('observation.measureType'), dataIndex: 'type', render: (m: string) => t(`measures.${m}`) },
            { title: t('forms.note'), dataIndex: 'note' },
            { title: t('observation.recordedBy'), dataIndex: 'recordedBy' },
          ]}
        />
      </ScrollRegion>
      <Typography.Title level={2}>{t('observation.incidents')}</Typography.Title>
      <List
        size="small"
        dataSource={view.incidents}
        locale={{ emptyText: t('common.none') }}
        renderItem={(i) => (
          <List.Item>
            <Tag color={i.harm === 'serious' ? 'red' : i.harm === 'minor' ? 'orange' : 'default'}>
              {t(`harms.${i.harm}`)}
            </Tag>
            {i.description} · {formatInstant(i.recordedAt)}
          </List.Item>
        )}
      />
      <Typography.Title level={2}>{t('observation.checkIns')}</Typography.Title>
      <List
        size="small"
        grid={{ gutter: 8, xs: 1, sm: 2, lg: 4 }}
        dataSource={view.checkIns}
        renderItem={(c) => (
          <List.Item>
            <Typography.Text>{t('observation.checkIn', { number: c.number })}</Typography.Text>{' '}
            <Tag>{t(`checkInStatus.${c.status}`)}</Tag>
            <div>{formatDate(c.dueOn)}</div>
          </List.Item>
        )}
      />
      <CaseDocuments resource="observation-periods" id={view.id} />
      <Typography.Title level={2}>{t('timeline.title')}</Typography.Title>
      <CaseTimeline history={view.history} planned={planned(view, (k) => t(k))} />
    </CasePageLayout>
  );
}

export default function ObservationPage() {
  const { id = '' } = useParams();
  return <Loaded query={useCaseView('observation-periods', id)}>{(view) => <Observation view={view} />}</Loaded>;
}
