// The to-do list on a desk: a plain HTML table, 50 rows to a page, its header kept in view. Not
// Ant Design's Table: the list needs none of its sorting, filtering, selection or virtual
// scrolling, which would be a quarter of the first screen's JavaScript (docs/console.md, "Size").
import { Pagination, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../api/types';
import { DueText } from '../../components/DueText';
import { EnterpriseLabel } from '../../components/EnterpriseLabel';
import { casePath } from '../../vocabulary';
import { useTaskText } from './taskText';

const PAGE_SIZE = 50;

export default function TaskTable({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  const text = useTaskText();
  const [page, setPage] = useState(1);
  const last = Math.max(1, Math.ceil(tasks.length / PAGE_SIZE));
  const current = Math.min(page, last); // a filter may leave fewer pages than the one shown
  const rows = tasks.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return (
    <>
      <table className="task-table">
        <caption className="visually-hidden">{t('tasks.title')}</caption>
        <thead>
          <tr>
            {(['due', 'process', 'step', 'enterprise', 'agency', 'open'] as const).map((column) => (
              <th key={column} scope="col">
                {t(`tasks.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="task-table-empty">
                {t('tasks.none')}
              </td>
            </tr>
          )}
          {rows.map((task) => (
            <tr key={`${task.processId}:${task.step}:${task.dueOn}`} className="task-row">
              <td>
                {task.overdue && <span className="overdue-dot" aria-hidden />}
                <DueText date={task.dueOn} overdue={task.overdue} />
              </td>
              <td>{text.process(task)}</td>
              <td>
                <Tag>{text.step(task)}</Tag>
              </td>
              <td>
                <EnterpriseLabel id={task.enterpriseId} name={task.enterpriseName} />
              </td>
              <td>{task.agency}</td>
              <td>
                <Link to={casePath(task.processType, task.processId)}>{t('tasks.handle')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination
        className="task-pagination"
        current={current}
        pageSize={PAGE_SIZE}
        total={tasks.length}
        onChange={setPage}
        showSizeChanger={false}
        hideOnSinglePage
        align="end"
      />
    </>
  );
}
