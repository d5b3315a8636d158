// GET /stats.csv: the statistics as one table, for Excel (UTF-8 with BOM, Chinese headers): a row
// per group when grouped, and always the total last.
import { AREA_TITLES, type EnforcementArea } from '../../domain';
import { csvHeaders, toCsv, type CsvCell } from '../csv';
import type { Figures, Stats } from '../routes/stats';

const COLUMNS: ReadonlyArray<[header: string, value: (f: Figures) => CsvCell]> = [
  ['观察期（件）', (f) => f.byProcess.observation_period.total],
  ['责令整改（件）', (f) => f.byProcess.rectification.total],
  ['处罚信息（件）', (f) => f.byProcess.penalty_record.total],
  ['不予处罚（件）', (f) => f.twoLightOneExempt.noPenalty],
  ['从轻处罚（件）', (f) => f.twoLightOneExempt.lighter],
  ['减轻处罚（件）', (f) => f.twoLightOneExempt.mitigated],
  ['免予行政强制（件）', (f) => f.twoLightOneExempt.noCoercion],
  ['两轻一免合计（件）', (f) => f.twoLightOneExempt.cases],
  ['受益法人（户）', (f) => f.beneficiaries.legalPersons],
  ['受益个体及自然人（户）', (f) => f.beneficiaries.individuals],
  ['观察期通过（件）', (f) => f.observationPeriodsPassed.cases],
  ['免罚金额（元）', (f) => f.finesWaived.yuan],
  ['其中按裁量基准估算（件）', (f) => f.finesWaived.estimated],
  ['公益抵罚（件）', (f) => f.byProcess.offset.total],
  ['公益抵罚抵扣金额（元）', (f) => f.finesWaived.offset.yuan],
  ['按期整改率', (f) => f.onTimeRectificationRate.rate],
  ['回访（次）', (f) => f.followUpOpinions.visits],
  ['回访满意（次）', (f) => f.followUpOpinions.satisfied],
  ['回访一般（次）', (f) => f.followUpOpinions.neutral],
  ['回访不满意（次）', (f) => f.followUpOpinions.dissatisfied],
  ['信用修复决定用时中位数（工作日）', (f) => f.medianRepairDecisionWorkingDays],
];

const GROUP_HEADERS = { month: '月份', agency: '执法机关', area: '执法领域', matter: '事项编码' } as const;

function label(stats: Stats, key: string | null): string {
  if (key === null) return '（无）';
  return stats.groupBy === 'area' ? (AREA_TITLES[key as EnforcementArea] ?? key) : key;
}

export function statsCsv(stats: Stats): { body: string; headers: Record<string, string> } {
  const header = [stats.groupBy ? GROUP_HEADERS[stats.groupBy] : '范围', ...COLUMNS.map(([h]) => h)];
  const row = (name: string, f: Figures) => [name, ...COLUMNS.map(([, value]) => value(f))];
  const rows = [...(stats.groups ?? []).map((g) => row(label(stats, g.key), g)), row('合计', stats)];
  const range = `${stats.from}_${stats.to}`;
  return { body: toCsv(header, rows), headers: csvHeaders(`统计-${range}.csv`, `stats-${range}.csv`) };
}
