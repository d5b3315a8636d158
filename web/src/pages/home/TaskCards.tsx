// The to-do list on a phone: one entry per task, 20 to a page.
import { List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../api/types';
import { DueText } from '../../components/DueText';
import { EnterpriseLabel } from '../../components/EnterpriseLabel';
import { casePath } from '../../vocabulary';
import { useTaskText } from './taskText';

export default function TaskCards({ tasks }: { tasks: Task[] }) {
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
