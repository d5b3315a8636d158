// A public-interest service case (公益抵罚): the fine and the hours it converts to, the answer and
// service deadlines, the sessions logged and confirmed, the outcome, the actions open to the caller,
// and the timeline.
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCaseView } from '../../api/cases';
import type { OffsetView } from '../../api/types';
import { CaseDocuments } from '../../components/CaseDocuments';
import { CaseHeader, CasePageLayout } from '../../components/CaseHeader';
import { CaseTimeline, openStepMilestones } from '../../components/CaseTimeline';
import { DueText } from '../../components/DueText';
import { Loaded } from '../../components/Results';
import { formatDate } from '../../format/dates';
import { OffsetActions } from './OffsetActions';
import { Sessions } from './Sessions';

function Offset({ view }: { view: OffsetView }) {
  const { t } = useTranslation();
  // The offer's `acceptance` step is the business's answer, not the penalty record's acceptance.
  const stepLabel = (s: string) => t(`offset.steps.${s}`, { defaultValue: t(`steps.${s}`, { defaultValue: s }) });
  return (
    <CasePageLayout
      title={t('offset.title')}
      header={
        <CaseHeader
          processType="offset"
          view={view}
          extra={[
            { key: 'fine', label: t('offset.fine'), children: t('common.yuan', { amount: view.fine }) },
            { key: 'hours', label: t('offset.hours'), children: t('offset.hourCount', { hours: view.hours }) },
            {
              key: 'confirmed',
              label: t('offset.hoursConfirmed'),
              children: t('offset.hourCount', { hours: view.hoursConfirmed }),
            },
            { key: 'rate', label: t('offset.rate'), children: t('offset.ratePerHour', { amount: view.yuanPerHour }) },
            { key: 'offeredOn', label: t('offset.offeredOn'), children: formatDate(view.offeredOn) },
            view.status === 'offered'
              ? {
                  key: 'acceptanceDue',
                  label: t('offset.acceptanceDue'),
                  children: <DueText date={view.acceptanceDue.date} provisional={view.acceptanceDue.provisional} />,
                }
              : {
                  key: 'deadline',
                  label: t('offset.deadline'),
                  children: (
                    <DueText
                      date={view.deadline.date}
                      provisional={view.deadline.provisional}
                      showLeft={view.status === 'in_service'}
                    />
                  ),
                },
          ]}
        />
      }
      actions={<OffsetActions view={view} />}
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'reason', label: t('offset.reason'), children: view.reason },
          ...(view.outcome
            ? [
                {
                  key: 'outcome',
                  label: t('offset.outcome'),
                  children: `${t(`offset.results.${view.outcome.result}`)} · ${t('offset.outcomeText', {
                    offset: view.outcome.offset,
                    remaining: view.outcome.remainingFine,
                    date: formatDate(view.outcome.concludedOn),
                  })}`,
                },
              ]
            : []),
        ]}
      />
      <Sessions view={view} />
      <CaseDocuments resource="offsets" id={view.id} />
      <Typography.Title level={2}>{t('timeline.title')}</Typography.Title>
      <CaseTimeline history={view.history} planned={openStepMilestones(view.openSteps, stepLabel)} />
    </CasePageLayout>
  );
}

export default function OffsetPage() {
  const { id = '' } = useParams();
  return <Loaded query={useCaseView('offsets', id)}>{(view) => <Offset view={view} />}</Loaded>;
}
