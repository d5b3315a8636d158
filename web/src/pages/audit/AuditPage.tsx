// 审计日志 (auditors, admins): the append-only trail, filterable by entity, id and actor (kept in the
// URL), each entry's before/after expandable; and whether the hash chain verifies.
import { Button, Card, Form, Input, Result, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useSearchParams } from 'react-router';
import { useAuditTrail, useChainVerification, type AuditFilters } from '../../api/oversight';
import type { AuditEntry } from '../../api/types';
import { Loaded } from '../../components/Results';
import { formatInstant } from '../../format/dates';

const FILTERS = ['entityType', 'entityId', 'actor'] as const;

function ChainResult() {
  const { t } = useTranslation();
  return (
    <Loaded query={useChainVerification()}>
      {(report) =>
        report.broken ? (
          <Result
            status="error"
            title={t('audit.broken')}
            subTitle={t('audit.brokenAt', { id: report.broken.id, message: report.broken.message })}
          />
        ) : (
          <Result
            status="success"
            title={t('audit.intact', { count: report.verified })}
            subTitle={
              report.last && (
                <Typography.Text className="sha256">
                  {t('audit.head', { id: report.last.id, hash: report.last.hash })}
                </Typography.Text>
              )
            }
          />
        )
      }
    </Loaded>
  );
}

const json = (value: unknown) => <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>;

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = Object.fromEntries(
    FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : [])),
  );
  const trail = useAuditTrail(filters);
  const entries = trail.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1}>{t('audit.title')}</Typography.Title>
      <Card size="small" title={t('audit.chain')}>
        <ChainResult />
      </Card>
      <Form
        layout="inline"
        initialValues={filters}
        onFinish={(v: Record<string, string | undefined>) =>
          setParams(Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => !!e[1]?.trim())))
        }
      >
        {FILTERS.map((f) => (
          <Form.Item key={f} name={f} label={t(`audit.filters.${f}`)}>
            <Input allowClear />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit">
          {t('audit.filter')}
        </Button>
      </Form>
      <Loaded query={trail}>
        {() => (
          <>
            <ScrollRegion label={t('audit.title')}>
              <Table<AuditEntry>
                size="small"
                rowKey="id"
                dataSource={entries}
                pagination={false}
                style={{ minWidth: 800 }}
                expandable={{
                  rowExpandable: (e) => e.before !== undefined || e.after !== undefined,
                  expandedRowRender: (e) => (
                    <Space align="start" wrap>
                      {e.before !== undefined && (
                        <div>
                          {t('audit.before')}
                          {json(e.before)}
                        </div>
                      )}
                      {e.after !== undefined && (
                        <div>
                          {t('audit.after')}
                          {json(e.after)}
                        </div>
                      )}
                    </Space>
                  ),
                }}
                columns={[
                  { title: t('audit.at'), dataIndex: 'at', render: (at: string) => formatInstant(at) },
                  {
                    title: t('audit.actor'),
                    key: 'actor',
                    render: (_, e) => `${e.actor} (${t(`roles.${e.role}`, { defaultValue: e.role })})`,
                  },
                  { title: t('audit.action'), dataIndex: 'action' },
                  { title: t('audit.entity'), key: 'entity', render: (_, e) => `${e.entityType} ${e.entityId}` },
                  { title: t('forms.reason'), dataIndex: 'reason' },
                ]}
              />
            </ScrollRegion>
            {trail.hasNextPage && (
              <Button onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
                {t('audit.more')}
              </Button>
            )}
          </>
        )}
      </Loaded>
    </Space>
  );
}
