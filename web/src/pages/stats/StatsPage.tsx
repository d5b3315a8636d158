// 统计分析: the /stats figures over a range of days, grouped by month, agency, area or matter, for one
// agency or area or all; and the service's CSV of the same (/stats.csv). The choice is in the URL.
import { Button, DatePicker, Segmented, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { statsCsv, useStats, type StatsQuery } from '../../api/oversight';
import { useAgencies } from '../../api/policies';
import { Loaded } from '../../components/Results';
import { RefusalAlert } from '../../components/RefusalAlert';
import { today } from '../../format/dates';
import { saveBlob } from '../../api/files';
import { Figures } from './Figures';

const DAY = 'YYYY-MM-DD';
const GROUPINGS = ['month', 'agency', 'area', 'matter'] as const;
const AREAS = [
  'market_supervision',
  'culture_tourism',
  'transport',
  'urban_management',
  'commerce',
  'public_security',
  'food_drugs',
  'ecology_environment',
  'work_safety',
  'public_health',
  'labour_protection',
  'urban_rural_planning',
  'wildlife_protection',
] as const satisfies ReadonlyArray<NonNullable<StatsQuery['area']>>;

function defaultRange() {
  const end = dayjs(today());
  return { from: end.subtract(11, 'month').startOf('month').format(DAY), to: end.format(DAY) };
}

/** The query the URL states, the last twelve months by month when it states none. */
function useStatsQuery(): [StatsQuery, (change: Partial<StatsQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const fallback = defaultRange();
  const groupBy = GROUPINGS.find((g) => g === params.get('groupBy'));
  const query: StatsQuery = {
    from: params.get('from') ?? fallback.from,
    to: params.get('to') ?? fallback.to,
    groupBy: params.get('groupBy') === 'none' ? undefined : (groupBy ?? 'month'),
    agency: params.get('agency') ?? undefined,
    area: AREAS.find((a) => a === params.get('area')),
  };
  const change = (next: Partial<StatsQuery>) => {
    const merged = { ...query, ...next };
    const entries = Object.entries(merged).filter(([, v]) => v !== undefined) as string[][];
    setParams(new URLSearchParams(entries), { replace: true });
  };
  return [query, change];
}

export default function StatsPage() {
  const { t } = useTranslation();
  const [query, change] = useStatsQuery();
  const stats = useStats(query);
  const agencies = useAgencies();
  const [csvError, setCsvError] = useState<unknown>();
  const pick = (dates: null | [Dayjs | null, Dayjs | null]) =>
    change(dates?.[0] && dates[1] ? { from: dates[0].format(DAY), to: dates[1].format(DAY) } : defaultRange());
  const download = () =>
    statsCsv(query).then(
      (blob) =>
        saveBlob(blob, `tempered-stats-${query.from}-${query.to}${query.groupBy ? `-${query.groupBy}` : ''}.csv`),
      setCsvError,
    );

  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1}>{t('stats.title')}</Typography.Title>
      <Space wrap>
        <DatePicker.RangePicker
          aria-label={t('stats.range')}
          value={[dayjs(query.from), dayjs(query.to)]}
          onChange={pick}
          allowClear={false}
        />
        <Segmented<string>
          aria-label={t('stats.groupBy')}
          value={query.groupBy ?? 'none'}
          onChange={(g) => change({ groupBy: g === 'none' ? undefined : (g as StatsQuery['groupBy']) })}
          options={['none', ...GROUPINGS].map((g) => ({ value: g, label: t(`stats.groupings.${g}`) }))}
        />
        <Select
          allowClear
          aria-label={t('publicLists.agency')}
          placeholder={t('stats.allAgencies')}
          value={query.agency}
          onChange={(agency?: string) => change({ agency })}
          options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          className="filter-select"
        />
        <Select
          allowClear
          aria-label={t('matters.area')}
          placeholder={t('stats.allAreas')}
          value={query.area}
          onChange={(area?: StatsQuery['area']) => change({ area })}
          options={AREAS.map((a) => ({ value: a, label: t(`areas.${a}`, { defaultValue: a }) }))}
          className="filter-select"
        />
        <Button onClick={() => void download()}>{t('stats.download')}</Button>
      </Space>
      <RefusalAlert error={csvError} />
      <Loaded query={stats}>{(figures) => <Figures stats={figures} groupBy={query.groupBy} />}</Loaded>
    </Space>
  );
}
