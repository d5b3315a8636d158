// A penalty record and its credit repair (行政处罚信息及信用修复): the decision, the publication
// dates (all from the decision date), when repair becomes possible, the applications and their
// decisions, the actions open to the caller, and the timeline.
import { Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCaseView } from '../../api/cases';
import type { PenaltyRecordView } from '../../api/types';
import { CaseDocuments } from '../../components/CaseDocuments';
import { CaseHeader, CasePageLayout } from '../../components/CaseHeader';
import { CaseTimeline, openStepMilestones, type PlannedMilestone } from '../../components/CaseTimeline';
import { DueText } from '../../components/DueText';
import { Loaded } from '../../components/Results';
import { formatDate } from '../../format/dates';
import { RepairActions } from './RepairActions';

function planned(view: PenaltyRecordView, label: (key: string) => string): PlannedMilestone[] {
  return [
    ...openStepMilestones(view.openSteps, (step) => label(`steps.${step}`)),
    ...view.upcoming
      .filter((u) => !view.openSteps.some((s) => s.step === u.milestone))
      .map((u, i) => ({ key: `u${i}`, label: label(`steps.${u.milestone}`), date: u.on })),
  ];
}

function Applications({ view }: { view: PenaltyRecordView }) {
  const { t } = useTranslation();
  if (view.applications.length === 0) return null;
  return (
    <>
      <Typography.Title level={2}>{t('repair.applications')}</Typography.Title>
      <Space orientation="vertical" className="full-width">
        {[...view.applications].reverse().map((app) => (
          <Card
            key={app.id}
            size="small"
            title={t('repair.appliedOn', { date: formatDate(app.appliedOn) })}
            extra={<Tag>{t(`repair.appStatus.${app.status}`)}</Tag>}
          >
            <Descriptions
              size="small"
              column={1}
              items={[
                ...Object.entries(app.materials).map(([k, v]) => ({
                  key: k,
                  label: t(`materials.${k}`),
                  children: typeof v === 'string' ? v : t('repair.linkedRectification'),
                })),
                ...(app.acceptBy
                  ? [{ key: 'acceptBy', label: t('repair.acceptBy'), children: formatDate(app.acceptBy.date) }]
                  : []),
                ...(app.decideBy
                  ? [{ key: 'decideBy', label: t('repair.decideBy'), children: formatDate(app.decideBy.date) }]
                  : []),
              ]}
            />
            <List
              size="small"
              dataSource={view.decisions.filter((d) => d.applicationId === app.id)}
              renderItem={(d) => (
                <List.Item>
                  {formatDate(d.decidedOn)} · {t(`repair.decisionNames.${d.decision}`)} · {d.reasons}
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Space>
    </>
  );
}

function PenaltyRecord({ view }: { view: PenaltyRecordView }) {
  const { t } = useTranslation();
  const { publication } = view;
  return (
    <CasePageLayout
      title={t('penalty.title')}
      header={
        <CaseHeader
          processType="penalty_record"
          view={view}
          extra={[
            { key: 'no', label: t('penalty.decisionNo'), children: view.decisionNo },
            { key: 'on', label: t('penalty.decidedOn'), children: formatDate(view.decidedOn) },
            { key: 'severity', label: t('penalty.severity'), children: t(`penalty.severities.${view.category}`) },
            {
              key: 'penalties',
              label: t('penalty.penalties'),
              children: view.penalties
                .map(
                  (p) =>
                    `${t(`penalty.types.${p.type}`, { defaultValue: p.type })}${p.amount ? ` ${t('common.yuan', { amount: p.amount })}` : ''}`,
                )
                .join('、'),
            },
            {
              key: 'publication',
              label: t('penalty.publication'),
              children: publication.from
                ? t('penalty.publicationRange', {
                    from: formatDate(publication.from),
                    min: formatDate(publication.minUntil),
                    max: formatDate(publication.maxUntil),
                  })
                : t('penalty.notPublished'),
            },
            {
              key: 'eligible',
              label: t('penalty.repairEligibleFrom'),
              children: view.repairEligibleFrom ? <DueText date={view.repairEligibleFrom} showLeft={false} /> : '—',
            },
            { key: 'rules', label: t('penalty.ruleSet'), children: t(`penalty.ruleSets.${view.ruleSet}`) },
          ]}
        />
      }
      actions={<RepairActions view={view} />}
    >
      <Applications view={view} />
      <CaseDocuments resource="penalty-records" id={view.id} />
      <Typography.Title level={2}>{t('timeline.title')}</Typography.Title>
      <CaseTimeline history={view.history} planned={planned(view, (k) => t(k, { defaultValue: k }))} />
    </CasePageLayout>
  );
}

export default function PenaltyRecordPage() {
  const { id = '' } = useParams();
  return <Loaded query={useCaseView('penalty-records', id)}>{(view) => <PenaltyRecord view={view} />}</Loaded>;
}
