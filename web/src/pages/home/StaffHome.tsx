// 待办: the caller's open steps across all processes, soonest first, with how many are overdue,
// due this week and due later; filters by process, step and when due, kept in the URL.
import { Col, Grid, Row, Segmented, Select, Space, Statistic, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TASKS, useTaskList } from '../../api/tasks';
import { Loaded, Loading } from '../../components/Results';
import { PROCESS_TYPES } from '../../vocabulary';
import { applyFilters, DUE_GROUPS, dueGroupOf, useTaskFilters, type DueGroup } from './taskFilters';

// The desktop table and the phone list load on their own: each width fetches only the one it shows.
const loadTable = () => import('./TaskTable');
const loadCards = () => import('./TaskCards');
const TaskTable = lazy(loadTable);
const TaskCards = lazy(loadCards);

export default function StaffHome() {
  const { t } = useTranslation();
  const query = useTaskList();
  const { filters, update } = useTaskFilters();
  const width = Grid.useBreakpoint();
  const narrow = !width.md;
  // Fetched while the tasks are, not after them, once the width is known (undefined at first).
  useEffect(() => void (width.md === undefined ? undefined : width.md ? loadTable() : loadCards()), [width.md]);
  const counts = Object.fromEntries(DUE_GROUPS.map((g) => [g, 0])) as Record<DueGroup, number>;
  for (const task of query.tasks) counts[dueGroupOf(task)] += 1;
  const steps = [...new Set(query.tasks.map((task) => task.step))];
  const shown = applyFilters(query.tasks, filters);
  const more = query.complete && query.tasks.length >= MAX_TASKS ? '+' : '';

  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1}>{t('tasks.title')}</Typography.Title>
      <Row gutter={[12, 12]}>
        {DUE_GROUPS.map((group) => (
          <Col xs={8} key={group}>
            {/* A plain tile rather than a Card (which brings Tabs into the first screen); the
                same filter is on the keyboard in the Segmented below. */}
            <div
              className={`count-tile${filters.due === group ? ' count-tile-active' : ''}`}
              onClick={() => update({ due: filters.due === group ? undefined : group })}
            >
              <Statistic
                title={t(`tasks.groups.${group}`)}
                value={query.complete ? counts[group] : '…'}
                suffix={more}
                styles={{ content: group === 'overdue' && counts.overdue > 0 ? { color: '#cf1322' } : undefined }}
              />
            </div>
          </Col>
        ))}
      </Row>
      <Space wrap>
        <Segmented<string>
          aria-label={t('tasks.filters.due')}
          value={filters.due ?? 'all'}
          onChange={(v) => update({ due: v === 'all' ? undefined : (v as DueGroup) })}
          options={['all', ...DUE_GROUPS].map((g) => ({ value: g, label: t(`tasks.groups.${g}`) }))}
        />
        <Select
          allowClear
          aria-label={t('tasks.filters.process')}
          placeholder={t('tasks.filters.process')}
          value={filters.process}
          onChange={(process) => update({ process })}
          options={PROCESS_TYPES.map((p) => ({ value: p, label: t(`processes.${p}`) }))}
          className="filter-select"
        />
        <Select
          allowClear
          aria-label={t('tasks.filters.step')}
          placeholder={t('tasks.filters.step')}
          value={filters.step}
          onChange={(step) => update({ step })}
          options={steps.map((s) => ({ value: s, label: t(`steps.${s}`, { defaultValue: s }) }))}
          className="filter-select"
        />
      </Space>
      <Loaded query={query}>
        {() => (
          <Suspense fallback={<Loading />}>
            {narrow ? <TaskCards tasks={shown} /> : <TaskTable tasks={shown} />}
          </Suspense>
        )}
      </Loaded>
    </Space>
  );
}
