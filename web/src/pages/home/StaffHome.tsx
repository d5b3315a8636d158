// 待办: the caller's open steps across all processes, soonest first, with how many are overdue,
// due this week and due later; filters by process, step and when due, kept in the URL.
import { Badge, Card, Col, Grid, List, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_TASKS, useTaskList } from '../../api/tasks';
import type { Task } from '../../api/types';
import { DueText } from '../../components/DueText';
import { EnterpriseLabel } from '../../components/EnterpriseLabel';
import { Loaded } from '../../components/Results';
import { casePath, PROCESS_TYPES } from '../../vocabulary';
import { applyFilters, DUE_GROUPS, dueGroupOf, useTaskFilters, type DueGroup } from './taskFilters';

function useTaskText() {
  const { t } = useTranslation();
  return {
    process: (task: Task) => t(`processes.${task.processType}`),
    step: (task: Task) => t(`steps.${task.step}`, { defaultValue: task.step }),
  };
}

function TaskTable({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  const text = useTaskText();
  return (
    <Table<Task>
      rowKey={(task) => `${task.processId}:${task.step}:${task.dueOn}`}
      dataSource={tasks}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      sticky
      columns={[
        {
          title: t('tasks.due'),
          key: 'due',
          render: (_, task) => (
            <Space size={4}>
              {task.overdue && <Badge status="error" aria-hidden />}
              <DueText date={task.dueOn} overdue={task.overdue} />
            </Space>
          ),
        },
        { title: t('tasks.process'), key: 'process', render: (_, task) => text.process(task) },
        { title: t('tasks.step'), key: 'step', render: (_, task) => <Tag>{text.step(task)}</Tag> },
        {
          title: t('tasks.enterprise'),
          key: 'enterprise',
          render: (_, task) => <EnterpriseLabel id={task.enterpriseId} name={task.enterpriseName} />,
        },
        { title: t('tasks.agency'), dataIndex: 'agency', key: 'agency' },
        {
          title: t('tasks.open'),
          key: 'open',
          render: (_, task) => <Link to={casePath(task.processType, task.processId)}>{t('tasks.handle')}</Link>,
        },
      ]}
    />
  );
}

function TaskCards({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  const text = useTaskText();
  return (
    <List
      dataSource={tasks}
      pagination={{ pageSize: 20, hideOnSinglePage: true, simple: true }}
      renderItem={(task) => (
        <List.Item>
          <Space orientation="vertical" size={2} className="full-width">
            <Link to={casePath(task.processType, task.processId)}>
              {text.step(task)} · {text.process(task)}
            </Link>
            <EnterpriseLabel id={task.enterpriseId} name={task.enterpriseName} link={false} />
            <DueText date={task.dueOn} overdue={task.overdue} />
            <Typography.Text type="secondary" className="visually-hidden">
              {t('tasks.agency')}: {task.agency}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

export function StaffHome() {
  const { t } = useTranslation();
  const query = useTaskList();
  const { filters, update } = useTaskFilters();
  const narrow = !Grid.useBreakpoint().md;
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
            <Card size="small" hoverable onClick={() => update({ due: filters.due === group ? undefined : group })}>
              <Statistic
                title={t(`tasks.groups.${group}`)}
                value={query.complete ? counts[group] : '…'}
                suffix={more}
                styles={{ content: group === 'overdue' && counts.overdue > 0 ? { color: '#cf1322' } : undefined }}
              />
            </Card>
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
      <Loaded query={query}>{() => (narrow ? <TaskCards tasks={shown} /> : <TaskTable tasks={shown} />)}</Loaded>
    </Space>
  );
}
