// 统计分析: the /stats figures over a range of days as charts: cases by process and status,
// no-penalty cases and fines waived by month, the on-time rectification rate; and a CSV of the
// same figures.
import { Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatsRanges } from '../../api/oversight';
import type { Stats } from '../../api/types';
import { Loaded } from '../../components/Results';
import { today } from '../../format/dates';
import { PROCESS_TYPES } from '../../vocabulary';
import { Chart } from './Chart';
import { downloadCsv } from './csv';
import { monthsOf, type DayRange } from './months';

const DAY = 'YYYY-MM-DD';

function defaultRange(): DayRange {
  const end = dayjs(today());
  return { from: end.subtract(11, 'month').startOf('month').format(DAY), to: end.format(DAY) };
}

function Figures({ stats, months }: { stats: Stats; months: Array<{ month: string; stats?: Stats }> }) {
  const { t } = useTranslation();
  const statuses = [...new Set(PROCESS_TYPES.flatMap((p) => Object.keys(stats.byProcess[p].byStatus)))];
  const rate = stats.onTimeRectificationRate;
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <Row gutter={[12, 12]}>
        {[
          { key: 'noPenalty', value: stats.noPenaltyCases },
          { key: 'beneficiaries', value: stats.beneficiaries.legalPersons + stats.beneficiaries.individuals },
          { key: 'finesWaived', value: stats.finesWaived.yuan, suffix: t('stats.yuan') },
          { key: 'onTime', value: rate.rate === null ? '—' : `${Math.round(rate.rate * 100)}%` },
          { key: 'medianRepair', value: stats.medianRepairDecisionWorkingDays ?? '—' },
        ].map((f) => (
          <Col xs={12} md={8} xl={4} key={f.key}>
            <Card size="small">
              <Statistic title={t(`stats.figures.${f.key}`)} value={f.value} suffix={f.suffix} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('stats.byProcess')}>
            <Chart
              label={t('stats.byProcess')}
              option={{
                tooltip: {},
                legend: { type: 'scroll' },
                grid: { containLabel: true, left: 8, right: 8 },
                xAxis: {
                  type: 'category',
                  data: PROCESS_TYPES.map((p) => t(`processes.${p}`)),
                  axisLabel: { interval: 0, width: 90, overflow: 'break' },
                },
                yAxis: { type: 'value', minInterval: 1 },
                series: statuses.map((status) => ({
                  type: 'bar',
                  stack: 'cases',
                  name: t(`stats.statusNames.${status}`, { defaultValue: status }),
                  data: PROCESS_TYPES.map((p) => stats.byProcess[p].byStatus[status] ?? 0),
                })),
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('stats.byMonth')}>
            <Chart
              label={t('stats.byMonth')}
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                grid: { containLabel: true, left: 8, right: 8 },
                xAxis: { type: 'category', data: months.map((m) => m.month) },
                yAxis: [
                  { type: 'value', name: t('stats.cases'), minInterval: 1 },
                  { type: 'value', name: t('stats.yuan') },
                ],
                series: [
                  {
                    type: 'bar',
                    name: t('stats.figures.noPenalty'),
                    data: months.map((m) => m.stats?.noPenaltyCases ?? 0),
                  },
                  {
                    type: 'line',
                    name: t('stats.figures.finesWaived'),
                    yAxisIndex: 1,
                    data: months.map((m) => m.stats?.finesWaived.yuan ?? 0),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('stats.figures.onTime')}>
            {rate.accepted === 0 ? (
              <Empty description={t('stats.noAccepted')} />
            ) : (
              <Chart
                label={t('stats.figures.onTime')}
                option={{
                  tooltip: {},
                  legend: {},
                  series: [
                    {
                      type: 'pie',
                      radius: ['45%', '70%'],
                      data: [
                        { name: t('stats.onTime'), value: rate.onTime },
                        { name: t('stats.late'), value: rate.accepted - rate.onTime },
                      ],
                    },
                  ],
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

function csvRows(stats: Stats, months: Array<{ month: string; stats?: Stats }>, t: (k: string) => string) {
  return [
    [t('stats.csv.metric'), t('stats.csv.value')],
    [t('stats.csv.range'), `${stats.from} ~ ${stats.to}`],
    ...PROCESS_TYPES.flatMap((p) =>
      Object.entries(stats.byProcess[p].byStatus).map(([s, n]) => [`${t(`processes.${p}`)} / ${s}`, n]),
    ),
    [t('stats.figures.noPenalty'), stats.noPenaltyCases],
    [t('stats.csv.legalPersons'), stats.beneficiaries.legalPersons],
    [t('stats.csv.individuals'), stats.beneficiaries.individuals],
    [t('stats.figures.finesWaived'), stats.finesWaived.yuan],
    [t('stats.figures.onTime'), stats.onTimeRectificationRate.rate],
    [t('stats.figures.medianRepair'), stats.medianRepairDecisionWorkingDays],
    [],
    [t('stats.csv.month'), t('stats.figures.noPenalty'), t('stats.figures.finesWaived')],
    ...months.map((m) => [m.month, m.stats?.noPenaltyCases ?? null, m.stats?.finesWaived.yuan ?? null]),
  ];
}

export default function StatsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<DayRange>(defaultRange);
  const months = monthsOf(range);
  const [overall, ...monthly] = useStatsRanges([range, ...months]);
  const byMonth = months.map((m, i) => ({ month: m.month, stats: monthly[i]?.data }));
  const pick = (dates: null | [Dayjs | null, Dayjs | null]) =>
    dates?.[0] && dates[1]
      ? setRange({ from: dates[0].format(DAY), to: dates[1].format(DAY) })
      : setRange(defaultRange());

  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1}>{t('stats.title')}</Typography.Title>
      <Space wrap>
        <DatePicker.RangePicker
          aria-label={t('stats.range')}
          value={[dayjs(range.from), dayjs(range.to)]}
          onChange={pick}
          allowClear={false}
        />
        <Button
          disabled={!overall?.data}
          onClick={() =>
            overall?.data &&
            downloadCsv(`tempered-stats-${range.from}-${range.to}.csv`, csvRows(overall.data, byMonth, t))
          }
        >
          {t('stats.download')}
        </Button>
      </Space>
      <Loaded query={overall!}>{(stats) => <Figures stats={stats} months={byMonth} />}</Loaded>
    </Space>
  );
}
