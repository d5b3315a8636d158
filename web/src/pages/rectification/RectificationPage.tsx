// A rectification (责令整改): the order and its deadline, the actions open to the caller now, the
// evidence rounds, and the timeline of what happened and what is due.
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCaseView } from '../../api/cases';
import type { RectificationView } from '../../api/types';
import { CaseDocuments } from '../../components/CaseDocuments';
import { CaseHeader, CasePageLayout } from '../../components/CaseHeader';
import { CaseTimeline, openStepMilestones, type PlannedMilestone } from '../../components/CaseTimeline';
import { DueText } from '../../components/DueText';
import { LegalReviewRounds } from '../../components/LegalReview';
import { Loaded } from '../../components/Results';
import { formatDate } from '../../format/dates';
import { RectificationActions } from './RectificationActions';
import { Submissions } from './Submissions';

const OPEN = ['awaiting_commitment', 'awaiting_evidence', 'under_review', 'overdue'];

function planned(view: RectificationView, label: (step: string) => string): PlannedMilestone[] {
  const steps = openStepMilestones(view.openSteps, label);
  const deadlineShown = steps.some((s) => s.date === view.deadline.date);
  if (OPEN.includes(view.status) && !deadlineShown)
    steps.push({
      key: 'deadline',
      label: label('deadline'),
      date: view.deadline.date,
      provisional: view.deadline.provisional,
    });
  return steps;
}

function Rectification({ view }: { view: RectificationView }) {
  const { t } = useTranslation();
  return (
    <CasePageLayout
      title={t('rectification.title')}
      header={
        <CaseHeader
          processType="rectification"
          view={view}
          extra={[
            {
              key: 'disposition',
              label: t('rectification.disposition'),
              children: t(`dispositions.${view.disposition}`),
            },
            { key: 'orderedOn', label: t('rectification.orderedOn'), children: formatDate(view.orderedOn) },
            {
              key: 'deadline',
              label: t('rectification.deadline'),
              children: (
                <DueText
                  date={view.deadline.date}
                  provisional={view.deadline.provisional}
                  showLeft={OPEN.includes(view.status)}
                />
              ),
            },
            {
              key: 'waivedFine',
              label: t('rectification.waivedFine'),
              children: t('common.yuan', { amount: view.waivedFine }),
            },
          ]}
        />
      }
      actions={<RectificationActions view={view} />}
    >
      <section aria-label={t('rectification.findings')}>
        <Typography.Title level={2}>{t('rectification.findings')}</Typography.Title>
        <Typography.Paragraph>{view.findings}</Typography.Paragraph>
        <Typography.Title level={3}>{t('rectification.requiredActions')}</Typography.Title>
        <Space orientation="vertical">
          {view.requiredActions.map((a, i) => (
            <Typography.Text key={i}>
              {i + 1}. {a}
            </Typography.Text>
          ))}
        </Space>
      </section>
      <LegalReviewRounds view={view} />
      <Submissions view={view} />
      <CaseDocuments resource="rectifications" id={view.id} />
      <Typography.Title level={2}>{t('timeline.title')}</Typography.Title>
      <CaseTimeline history={view.history} planned={planned(view, (s) => t(`steps.${s}`, { defaultValue: s }))} />
    </CasePageLayout>
  );
}

export default function RectificationPage() {
  const { id = '' } = useParams();
  return <Loaded query={useCaseView('rectifications', id)}>{(view) => <Rectification view={view} />}</Loaded>;
}
