// An objection to a credit file entry (异议申诉): the entry as it stood, the business's reasons and
// files, credit staff's decision (or the form to take it), and the timeline.
import { Descriptions, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCaseView } from '../../api/cases';
import type { ObjectionView } from '../../api/types';
import { CaseHeader, CasePageLayout } from '../../components/CaseHeader';
import { CaseTimeline, openStepMilestones } from '../../components/CaseTimeline';
import { DueText } from '../../components/DueText';
import { ForRole } from '../../components/ForRole';
import { Loaded } from '../../components/Results';
import { formatDate } from '../../format/dates';
import { ObjectionDecision } from './ObjectionDecision';

function Objection({ view }: { view: ObjectionView }) {
  const { t } = useTranslation();
  const { decision } = view;
  return (
    <CasePageLayout
      title={t('objection.title')}
      header={
        <CaseHeader
          processType="objection"
          view={view}
          extra={[
            { key: 'filedOn', label: t('objection.filedOn'), children: formatDate(view.filedOn) },
            ...(view.status === 'pending'
              ? [
                  {
                    key: 'dueOn',
                    label: t('objection.dueOn'),
                    children: <DueText date={view.dueOn.date} provisional={view.dueOn.provisional} />,
                  },
                ]
              : []),
          ]}
        />
      }
      actions={<ForRole roles={{ credit_staff: view.status === 'pending' && <ObjectionDecision view={view} /> }} />}
    >
      <section aria-label={t('objection.entry')}>
        <Typography.Title level={2}>{t('objection.entry')}</Typography.Title>
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'kind',
              label: t('objection.entryKind'),
              children: t(`creditFile.${view.entry.kind}`, { defaultValue: view.entry.kind }),
            },
            { key: 'date', label: t('objection.entryDate'), children: formatDate(view.entry.occurredOn) },
            { key: 'summary', label: t('objection.summary'), children: view.entry.summary },
            { key: 'reasons', label: t('objection.reasons'), children: view.reasons },
          ]}
        />
        <Typography.Title level={3}>{t('objection.files')}</Typography.Title>
        <List
          size="small"
          dataSource={view.files}
          locale={{ emptyText: t('common.none') }}
          renderItem={(f) => (
            <List.Item>
              {f.filename} <Typography.Text type="secondary">{f.sha256}</Typography.Text>
            </List.Item>
          )}
        />
      </section>
      {decision && (
        <section aria-label={t('objection.decision')}>
          <Typography.Title level={2}>{t('objection.decision')}</Typography.Title>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'decision',
                label: t('objection.decision'),
                children: t(`objection.decisions.${decision.decision}`),
              },
              ...(decision.correctedText
                ? [{ key: 'text', label: t('objection.correctedText'), children: decision.correctedText }]
                : []),
              { key: 'reasons', label: t('objection.decisionReasons'), children: decision.reasons },
              { key: 'by', label: t('objection.decidedBy'), children: decision.decidedBy },
              { key: 'on', label: t('objection.decidedOn'), children: formatDate(decision.decidedOn) },
            ]}
          />
        </section>
      )}
      <Typography.Title level={2}>{t('timeline.title')}</Typography.Title>
      <CaseTimeline
        history={view.history}
        planned={openStepMilestones(view.openSteps, (s) => t(`steps.${s}`, { defaultValue: s }))}
      />
    </CasePageLayout>
  );
}

export default function ObjectionPage() {
  const { id = '' } = useParams();
  return <Loaded query={useCaseView('objections', id)}>{(view) => <Objection view={view} />}</Loaded>;
}
