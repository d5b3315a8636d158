// The statistics as figures and charts: cases by process and status, the 两轻一免 counts, no-penalty
// cases and fines waived per group (month, agency, area or matter), the on-time rectification rate.
import { Card, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatsQuery } from '../../api/oversight';
import type { Stats } from '../../api/types';
import { PROCESS_TYPES } from '../../vocabulary';
import { Chart } from './Chart';

/** A group's name: a month or matter code as it is, an agency's id, an area in words. */
function useGroupName(groupBy: StatsQuery['groupBy']) {
  const { t } = useTranslation();
  return (key: string | null) =>
    key === null ? t('common.none') : groupBy === 'area' ? t(`areas.${key}`, { defaultValue: key }) : key;
}

export function Figures({ stats, groupBy }: { stats: Stats; groupBy: StatsQuery['groupBy'] }) {
  const { t } = useTranslation();
  const statuses = [...new Set(PROCESS_TYPES.flatMap((p) => Object.keys(stats.byProcess[p].byStatus)))];
  const rate = stats.onTimeRectificationRate;
  const groups = stats.groups ?? [];
  const groupName = useGroupName(groupBy);
  const exempt = stats.twoLightOneExempt;
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <Row gutter={[12, 12]}>
        {[
          { key: 'noPenalty', value: stats.noPenaltyCases },
          { key: 'beneficiaries', value: stats.beneficiaries.legalPersons + stats.beneficiaries.individuals },
          { key: 'finesWaived', value: stats.finesWaived.yuan, suffix: t('stats.yuan') },
          { key: 'onTime', value: rate.rate === null ? '—' : `${Math.round(rate.rate * 100)}%` },
          { key: 'medianRepair', value: stats.medianRepairDecisionWorkingDays ?? '—' },
          { key: 'lighter', value: exempt.lighter },
          { key: 'mitigated', value: exempt.mitigated },
          { key: 'noCoercion', value: exempt.noCoercion },
          { key: 'observationPassed', value: stats.observationPeriodsPassed.cases },
        ].map((f) => (
          <Col xs={12} md={8} xl={4} key={f.key}>
            <Card size="small">
              <Statistic title={t(`stats.figures.${f.key}`)} value={f.value} suffix={f.suffix} />
            </Card>
          </Col>
        ))}
      </Row>
      {stats.finesWaived.estimated > 0 && (
        <Typography.Text type="secondary">
          {t('stats.estimated', { count: stats.finesWaived.estimated })}
        </Typography.Text>
      )}
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
        {groupBy && (
          <Col xs={24} xl={12}>
            <Card size="small" title={t(`stats.by.${groupBy}`)}>
              {groups.length === 0 ? (
                <Empty description={t('stats.noGroups')} />
              ) : (
                <Chart
                  label={t(`stats.by.${groupBy}`)}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: {},
                    grid: { containLabel: true, left: 8, right: 8 },
                    xAxis: { type: 'category', data: groups.map((g) => groupName(g.key)) },
                    yAxis: [
                      { type: 'value', name: t('stats.cases'), minInterval: 1 },
                      { type: 'value', name: t('stats.yuan') },
                    ],
                    series: [
                      { type: 'bar', name: t('stats.figures.noPenalty'), data: groups.map((g) => g.noPenaltyCases) },
                      {
                        type: 'line',
                        name: t('stats.figures.finesWaived'),
                        yAxisIndex: 1,
                        data: groups.map((g) => g.finesWaived.yuan),
                      },
                    ],
                  }}
                />
              )}
            </Card>
          </Col>
        )}
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
