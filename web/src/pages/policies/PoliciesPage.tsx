// 政策与清单: an agency's policy (the version in force, its settings, every version with who stored
// it, from when and why) and its lists of flexible enforcement. Staff read; admins store a new
// version. The agency is the caller's by default, any agency by choice (in the URL).
import { Descriptions, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAgencies, useAgencyLists, usePolicy, usePolicyVersions } from '../../api/policies';
import { useSession } from '../../auth/session';
import { Loaded } from '../../components/Results';
import { ScrollRegion } from '../../components/ScrollRegion';
import { formatDate, formatInstant } from '../../format/dates';
import { ListsTable } from '../publicLists/ListsTable';
import { ListEntryEditor } from './ListEntryEditor';
import { NewPolicyVersion } from './NewPolicyVersion';

/** What a version says about itself, as opposed to its settings. */
const ABOUT = new Set(['agency', 'author', 'effectiveFrom', 'reason', 'recordedAt', 'revision', 'version']);

const shown = (value: unknown): string =>
  Array.isArray(value)
    ? value.join('、')
    : typeof value === 'object' && value !== null
      ? JSON.stringify(value)
      : String(value);

export default function PoliciesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const agencies = useAgencies();
  const agency = params.get('agency') ?? session?.agency ?? agencies.data?.[0]?.id;
  const policy = usePolicy(agency);
  const versions = usePolicyVersions(agency);
  const lists = useAgencyLists(agency);
  const admin = session?.role === 'admin';

  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1}>{t('nav.policies')}</Typography.Title>
      <Space wrap>
        <Select
          aria-label={t('publicLists.agency')}
          value={agency}
          loading={agencies.isPending}
          onChange={(value: string) => setParams({ agency: value }, { replace: true })}
          options={(agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.id}）` }))}
          className="filter-select"
        />
        {admin && agency && policy.data && <NewPolicyVersion agency={agency} current={policy.data} />}
      </Space>
      <Typography.Title level={2}>{t('policies.inForce')}</Typography.Title>
      <Loaded query={policy}>
        {(p) => (
          <Space orientation="vertical" size="middle" className="full-width">
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'version', label: t('policies.version'), children: p.version },
                {
                  key: 'from',
                  label: t('policies.effectiveFrom'),
                  children: formatDate(p.effectiveFrom) || t('policies.default'),
                },
                { key: 'author', label: t('policies.author'), children: p.author ?? t('common.none') },
                { key: 'reason', label: t('policies.reason'), children: p.reason ?? t('common.none') },
              ]}
            />
            <ScrollRegion label={t('policies.settings')}>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={Object.entries(p)
                  .filter(([key]) => !ABOUT.has(key))
                  .map(([key, value]) => ({ key, value: shown(value) }))}
                columns={[
                  {
                    title: t('policies.setting'),
                    dataIndex: 'key',
                    render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
                  },
                  { title: t('policies.value'), dataIndex: 'value' },
                ]}
              />
            </ScrollRegion>
          </Space>
        )}
      </Loaded>
      <Typography.Title level={2}>{t('policies.versions')}</Typography.Title>
      <Loaded query={versions}>
        {(answer) => (
          <ScrollRegion label={t('policies.versions')}>
            <Table
              size="small"
              rowKey="version"
              pagination={false}
              dataSource={answer.versions}
              columns={[
                { title: t('policies.version'), dataIndex: 'version' },
                {
                  title: t('policies.effectiveFrom'),
                  dataIndex: 'effectiveFrom',
                  render: (d: string | null) => formatDate(d) || t('policies.default'),
                },
                {
                  title: t('policies.author'),
                  dataIndex: 'author',
                  render: (a: string | null) => a ?? t('common.none'),
                },
                {
                  title: t('policies.reason'),
                  dataIndex: 'reason',
                  render: (r: string | null) => r ?? t('common.none'),
                },
                {
                  title: t('policies.recordedAt'),
                  dataIndex: 'recordedAt',
                  render: (d: string | null) => formatInstant(d),
                },
              ]}
            />
          </ScrollRegion>
        )}
      </Loaded>
      <Typography.Title level={2}>{t('policies.lists')}</Typography.Title>
      <Loaded query={lists}>
        {(answer) => (
          <ListsTable
            matters={answer.matters}
            label={t('policies.lists')}
            action={admin && agency ? (m) => <ListEntryEditor agency={agency} matter={m} /> : undefined}
          />
        )}
      </Loaded>
    </Space>
  );
}
