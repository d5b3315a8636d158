// 检查计划: the agency's inspections planned within a range of days (this month and the next two
// unless the URL says otherwise), each with its enterprise, kind, matters and outcome, and what the
// officer may do next: record the result, then order a rectification on violations found.
import { DatePicker, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCatalog } from '../../api/catalog';
import { useInspections, type InspectionRange } from '../../api/inspections';
import type { Inspection } from '../../api/types';
import { EnterpriseLabel } from '../../components/EnterpriseLabel';
import { Loaded } from '../../components/Results';
import { formatDate, today } from '../../format/dates';
import { InspectionResult } from './InspectionResult';
import { OrderRectification } from './OrderRectification';
import { PlanInspection } from './PlanInspection';
import { PlannedNotice } from './PlannedNotice';
import { ResponsiveList, type ListField } from './ResponsiveList';

const DAY = 'YYYY-MM-DD';

function defaultRange(): InspectionRange {
  const now = dayjs(today());
  return { from: now.startOf('month').format(DAY), to: now.add(2, 'month').endOf('month').format(DAY) };
}

/** The range the URL states, the default otherwise; choosing one puts it in the URL. */
function useRange(): [InspectionRange, (range: InspectionRange | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const fallback = defaultRange();
  const range = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to };
  const change = (next: InspectionRange | undefined) =>
    setParams(
      (current) => {
        const merged = new URLSearchParams(current);
        for (const [key, value] of Object.entries(next ?? defaultRange())) merged.set(key, value);
        return merged;
      },
      { replace: true },
    );
  return [range, change];
}

function Matters({ codes }: { codes: string[] }) {
  const catalog = useCatalog();
  const title = (code: string) => catalog.data?.find((m) => m.code === code)?.title;
  return (
    <Space orientation="vertical" size={0}>
      {codes.map((code) => (
        <span key={code}>
          {code} {title(code)}
        </span>
      ))}
    </Space>
  );
}

function Outcome({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  if (inspection.status === 'planned') return <Tag color="processing">{t('inspections.statuses.planned')}</Tag>;
  const violations = inspection.outcome === 'violations_found';
  return (
    <Space orientation="vertical" size={2}>
      <Tag color={violations ? 'error' : 'blue'}>{t(`inspections.outcomes.${inspection.outcome}`)}</Tag>
      <Typography.Text type="secondary">
        {t('inspections.doneOn', { date: formatDate(inspection.doneOn) })}
      </Typography.Text>
      <span>{inspection.findings}</span>
      {inspection.rectificationId && (
        <Link to={`/rectifications/${inspection.rectificationId}`}>{t('inspections.rectificationOrdered')}</Link>
      )}
    </Space>
  );
}

function NextAction({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  if (inspection.status === 'planned') return <InspectionResult inspection={inspection} />;
  if (inspection.outcome === 'violations_found' && !inspection.rectificationId)
    return <OrderRectification inspection={inspection} />;
  return <>{t('common.none')}</>;
}

function useFields(): ListField<Inspection>[] {
  const { t } = useTranslation();
  return [
    {
      key: 'plannedOn',
      title: t('inspections.plannedOnTitle'),
      render: (i) => <span className="no-wrap">{formatDate(i.plannedOn)}</span>,
    },
    { key: 'enterprise', title: t('case.enterprise'), render: (i) => <EnterpriseLabel id={i.enterpriseId} /> },
    {
      key: 'kind',
      title: t('inspections.kind'),
      render: (i) => (
        <Space orientation="vertical" size={2}>
          <span>
            <Tag>{t(`inspections.kinds.${i.kind}`)}</Tag>
            {i.jointWith && <Tag color="purple">{t('inspections.joint')}</Tag>}
          </span>
          {i.trigger && (
            <Typography.Text type="secondary">
              {t(`inspections.triggers.${i.trigger.type}`)} {i.trigger.ref}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'matters', title: t('inspections.matters'), render: (i) => <Matters codes={i.matters} /> },
    { key: 'outcome', title: t('inspections.outcome'), render: (i) => <Outcome inspection={i} /> },
    { key: 'actions', title: t('case.actions'), render: (i) => <NextAction inspection={i} /> },
  ];
}

export function InspectionPlan({ agency }: { agency: string | undefined }) {
  const { t } = useTranslation();
  const [range, setRange] = useRange();
  const query = useInspections(agency, range);
  const fields = useFields();
  const [planned, setPlanned] = useState<Inspection>();
  const pick = (dates: null | [Dayjs | null, Dayjs | null]) =>
    setRange(dates?.[0] && dates[1] ? { from: dates[0].format(DAY), to: dates[1].format(DAY) } : undefined);
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <Space wrap>
        <DatePicker.RangePicker
          aria-label={t('inspections.range')}
          value={[dayjs(range.from), dayjs(range.to)]}
          onChange={pick}
          allowClear={false}
        />
        <PlanInspection onPlanned={setPlanned} />
      </Space>
      {planned && <PlannedNotice inspection={planned} onClose={() => setPlanned(undefined)} />}
      <Loaded query={query}>
        {(inspections) => (
          <ResponsiveList
            items={inspections}
            fields={fields}
            label={t('inspections.tabs.plan')}
            empty={t('inspections.none')}
            minWidth={960}
          />
        )}
      </Loaded>
    </Space>
  );
}
