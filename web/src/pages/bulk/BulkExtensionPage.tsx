// 批量延期: when a flood or an epidemic closes an area, every open step due before a day is put off
// by N days. Preview first (the API's dry run lists exactly the steps a real run would move, with
// their new dates), then confirm; the answer says what happened to each step.
import { Alert, Button, Card, Form, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../components/ScrollRegion';
import { Link } from 'react-router';
import { useBulkExtension } from '../../api/oversight';
import type { BulkExtensionResult } from '../../api/types';
import { useSession } from '../../auth/session';
import { calendarDateOf, DateField, NumberField, TextField } from '../../components/fields';
import { RefusalAlert } from '../../components/RefusalAlert';
import { formatDate } from '../../format/dates';
import { casePath, PROCESS_TYPES } from '../../vocabulary';

interface Values {
  dueBefore: Dayjs;
  days: number;
  reason: string;
  processType?: (typeof PROCESS_TYPES)[number];
  agency?: string;
}

type Item = BulkExtensionResult['items'][number];

function Items({ answer }: { answer: BulkExtensionResult }) {
  const { t } = useTranslation();
  return (
    <ScrollRegion label={t('bulk.result')}>
      <Table<Item>
        size="small"
        rowKey={(i) => `${i.processId}:${i.step}`}
        dataSource={answer.items}
        style={{ minWidth: 720 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('tasks.process'),
            key: 'p',
            render: (_, i) => <Link to={casePath(i.processType, i.processId)}>{t(`processes.${i.processType}`)}</Link>,
          },
          {
            title: t('tasks.enterprise'),
            dataIndex: 'enterpriseId',
            render: (e: string) => <span className="uscc">{e}</span>,
          },
          { title: t('tasks.step'), dataIndex: 'step', render: (s: string) => t(`steps.${s}`, { defaultValue: s }) },
          { title: t('bulk.dueOn'), dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
          { title: t('bulk.newDueOn'), dataIndex: 'newDueOn', render: (d: string) => formatDate(d) },
          {
            title: t('bulk.result'),
            dataIndex: 'result',
            render: (r: string) => <Tag color={r === 'failed' ? 'red' : 'blue'}>{t(`bulk.results.${r}`)}</Tag>,
          },
        ]}
      />
    </ScrollRegion>
  );
}

export default function BulkExtensionPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const extension = useBulkExtension();
  const [answer, setAnswer] = useState<BulkExtensionResult>();

  async function run(dryRun: boolean) {
    const v = await form.validateFields();
    const filter = {
      dueBefore: calendarDateOf(v.dueBefore),
      ...(v.processType ? { processType: v.processType } : {}),
      ...(v.agency?.trim() ? { agency: v.agency.trim() } : {}),
    };
    setAnswer(await extension.mutateAsync({ filter, days: v.days, reason: v.reason, dryRun }));
  }
  const previewed = answer?.dryRun && answer.items.length > 0;

  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1}>{t('bulk.title')}</Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('bulk.intro')}</Typography.Paragraph>
        <RefusalAlert error={extension.error} />
        <Form form={form} layout="vertical" onValuesChange={() => setAnswer(undefined)}>
          <DateField name="dueBefore" label={t('bulk.dueBefore')} />
          <NumberField name="days" label={t('bulk.days')} min={1} max={90} />
          <TextField name="reason" label={t('forms.reason')} rows={2} />
          <Form.Item name="processType" label={t('tasks.process')}>
            <Select allowClear options={PROCESS_TYPES.map((p) => ({ value: p, label: t(`processes.${p}`) }))} />
          </Form.Item>
          {session?.role === 'admin' && <TextField name="agency" label={t('case.agency')} />}
          <Space wrap>
            <Button onClick={() => void run(true).catch(() => undefined)} loading={extension.isPending && !previewed}>
              {t('bulk.preview')}
            </Button>
            <Popconfirm
              title={t('bulk.confirmTitle', { count: answer?.items.length ?? 0 })}
              onConfirm={() => void run(false).catch(() => undefined)}
              disabled={!previewed}
            >
              <Button type="primary" danger disabled={!previewed} loading={extension.isPending && previewed}>
                {t('bulk.confirm')}
              </Button>
            </Popconfirm>
          </Space>
        </Form>
      </Card>
      {answer && (
        <section aria-label={t('bulk.result')}>
          <Alert
            type={answer.dryRun ? 'info' : 'success'}
            showIcon
            title={
              answer.dryRun
                ? t('bulk.previewSummary', { count: answer.items.length })
                : t('bulk.doneSummary', { count: answer.counts.extended ?? 0 })
            }
          />
          <Items answer={answer} />
        </section>
      )}
    </Space>
  );
}
