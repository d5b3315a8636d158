// 我的办件: every case of the business's enterprise as a card with the stages it goes through, the
// current one, and what the business must do next by when (date and working days left). What the
// agency tells the business is in the inbox (/notifications, the header's bell).
import { Alert, Card, Col, Empty, Row, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMatter } from '../../api/catalog';
import { useEnterpriseProcesses } from '../../api/enterprises';
import { useTaskList } from '../../api/tasks';
import type { EnterpriseProcess, Task } from '../../api/types';
import { DueText } from '../../components/DueText';
import { EnterpriseLabel } from '../../components/EnterpriseLabel';
import { Loaded } from '../../components/Results';
import { StatusTag } from '../../components/StatusTag';
import { formatInstant } from '../../format/dates';
import { casePath } from '../../vocabulary';
import { stageOf } from './stages';

function CaseCard({ process, task }: { process: EnterpriseProcess; task?: Task }) {
  const { t } = useTranslation();
  const matter = useMatter(process.matterCode);
  const { stages, current, state } = stageOf(process.processType, process.status);
  const title = `${t(`processes.${process.processType}`)}${matter ? ` · ${matter.title}` : ''}`;
  return (
    <Card
      title={<Link to={casePath(process.processType, process.id)}>{title}</Link>}
      extra={<StatusTag processType={process.processType} status={process.status} />}
    >
      <Space orientation="vertical" size="middle" className="full-width">
        <Steps
          size="small"
          current={current}
          status={state}
          responsive={false}
          className="case-steps"
          items={stages.map((s) => ({ title: t(`stages.${process.processType}.${s}`) }))}
        />
        {task ? (
          <Alert
            type={task.overdue ? 'error' : 'info'}
            showIcon
            title={t('business.nextAction', { action: t(`steps.${task.step}`, { defaultValue: task.step }) })}
            description={<DueText date={task.dueOn} overdue={task.overdue} />}
            action={<Link to={casePath(process.processType, process.id)}>{t('business.act')}</Link>}
          />
        ) : (
          <Typography.Text type="secondary">
            {process.nextDueOn ? t('business.waitingForAgency') : t('business.nothingToDo')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {t('business.updatedAt', { at: formatInstant(process.updatedAt) })}
        </Typography.Text>
      </Space>
    </Card>
  );
}

export default function BusinessHome({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const processes = useEnterpriseProcesses(enterpriseId);
  const { tasks } = useTaskList();
  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1}>{t('business.title')}</Typography.Title>
      <EnterpriseLabel id={enterpriseId} />
      <Loaded query={processes}>
        {({ processes: list }) =>
          list.length === 0 ? (
            <Empty description={t('business.noCases')} />
          ) : (
            <Row gutter={[16, 16]}>
              {[...list].reverse().map((p) => (
                <Col xs={24} xl={12} key={p.id}>
                  <CaseCard process={p} task={tasks.find((task) => task.processId === p.id)} />
                </Col>
              ))}
            </Row>
          )
        }
      </Loaded>
    </Space>
  );
}
