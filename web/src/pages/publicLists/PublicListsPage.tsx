// `/public/lists`, no sign-in: an agency's lists of flexible enforcement (不予处罚、从轻、减轻处罚和
// 免予行政强制清单) as the public sees them, each matter with its lists, fine range and legal basis,
// the CSV for Excel, and the dated changes with their reasons. Agency and list are in the URL.
import { Alert, Button, Card, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  LIST_NAMES,
  publicListsCsv,
  usePublicAgencies,
  usePublicListChanges,
  usePublicLists,
  type ListName,
} from '../../api/publicLists';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Loaded } from '../../components/Results';
import { formatDate } from '../../format/dates';
import { ListsTable } from './ListsTable';

function Changes({ agency }: { agency: string }) {
  const { t } = useTranslation();
  const changes = usePublicListChanges(agency);
  return (
    <Loaded query={changes}>
      {(list) => (
        <List
          dataSource={list.slice(0, 50)}
          // antd greys an empty list's text below AA contrast: the secondary text colour instead.
          locale={{ emptyText: <Typography.Text type="secondary">{t('publicLists.noChanges')}</Typography.Text> }}
          renderItem={(change) => (
            <List.Item>
              <Space orientation="vertical" size={2}>
                <Typography.Text strong>
                  {formatDate(change.effectiveFrom)} · {t(`publicLists.change.${change.kind}`)}
                  {change.matterCode ? ` · ${change.matterCode} ${change.title ?? ''}` : ''}
                </Typography.Text>
                {change.lists && (
                  <Space size={4} wrap>
                    {change.lists.map((l) => (
                      <Tag key={l}>{t(`lists.${l}`, { defaultValue: l })}</Tag>
                    ))}
                  </Space>
                )}
                <Typography.Text>{change.reason}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Loaded>
  );
}

export default function PublicListsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const agencies = usePublicAgencies();
  const agency = params.get('agency') ?? agencies.data?.[0]?.id;
  const list = (LIST_NAMES as readonly string[]).includes(params.get('list') ?? '')
    ? (params.get('list') as ListName)
    : undefined;
  const lists = usePublicLists(agency, list);
  const choose = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <main className="public-page page">
      <div className="sign-in-head">
        <Typography.Title level={1}>{t('publicLists.title')}</Typography.Title>
        <LanguageSwitch />
      </div>
      <Typography.Paragraph>{t('publicLists.intro')}</Typography.Paragraph>
      <Space wrap className="public-filters">
        <Select
          aria-label={t('publicLists.agency')}
          placeholder={t('publicLists.agency')}
          loading={agencies.isPending}
          value={agency}
          onChange={(value) => choose('agency', value)}
          options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          className="filter-select"
        />
        <Select
          allowClear
          aria-label={t('publicLists.list')}
          placeholder={t('publicLists.allLists')}
          value={list}
          onChange={(value) => choose('list', value)}
          options={LIST_NAMES.map((l) => ({ value: l, label: t(`lists.${l}`) }))}
          className="filter-select"
        />
        {agency && <Button href={publicListsCsv(agency)}>{t('publicLists.csv')}</Button>}
      </Space>
      {agencies.data?.length === 0 && <Alert type="info" showIcon title={t('publicLists.noAgencies')} />}
      {agency && (
        <Loaded query={lists}>
          {(answer) => (
            <Space orientation="vertical" size="middle" className="full-width">
              <Typography.Text type="secondary">
                {t('publicLists.asOf', {
                  agency: answer.agencyName,
                  date: formatDate(answer.asOf),
                  version: answer.policyVersion,
                })}
              </Typography.Text>
              <ListsTable matters={answer.matters} label={t('publicLists.title')} />
              <Card size="small" title={<h2 className="card-heading">{t('publicLists.changes')}</h2>}>
                <Changes agency={agency} />
              </Card>
            </Space>
          )}
        </Loaded>
      )}
    </main>
  );
}
