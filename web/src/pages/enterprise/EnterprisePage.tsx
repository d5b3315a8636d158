// An enterprise: its profile, every process the caller may see (with its status and next due
// date), and its credit file (诚信档案) as a timeline of outcomes.
import { Descriptions, Empty, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../components/ScrollRegion';
import { Link, useParams } from 'react-router';
import { useCreditFile, useEnterprise, useEnterpriseProcesses } from '../../api/enterprises';
import type { EnterpriseProcess, EnterpriseProfile } from '../../api/types';
import { Loaded } from '../../components/Results';
import { StatusTag } from '../../components/StatusTag';
import { formatDate, formatInstant } from '../../format/dates';
import { casePath } from '../../vocabulary';

function Profile({ profile }: { profile: EnterpriseProfile }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'id', label: t('signIn.enterprise'), children: <span className="uscc">{profile.id}</span> },
        { key: 'kind', label: t('enterprise.kind'), children: t(`enterprise.kinds.${profile.kind}`) },
        {
          key: 'nbm',
          label: t('enterprise.newBusinessModel'),
          children: profile.newBusinessModel ? t('forms.yes') : t('forms.no'),
        },
        { key: 'industry', label: t('enterprise.industry'), children: profile.industry ?? '—' },
        { key: 'since', label: t('enterprise.registered'), children: formatInstant(profile.createdAt) },
      ]}
    />
  );
}

function Processes({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useEnterpriseProcesses(id);
  return (
    <Loaded query={query}>
      {({ processes }) => (
        <ScrollRegion label={t('enterprise.processes')}>
          <Table<EnterpriseProcess>
            size="small"
            rowKey="id"
            pagination={false}
            style={{ minWidth: 600 }}
            dataSource={processes}
            locale={{ emptyText: t('common.none') }}
            columns={[
              {
                title: t('tasks.process'),
                key: 'type',
                render: (_, p) => <Link to={casePath(p.processType, p.id)}>{t(`processes.${p.processType}`)}</Link>,
              },
              {
                title: t('case.status'),
                key: 'status',
                render: (_, p) => <StatusTag processType={p.processType} status={p.status} />,
              },
              { title: t('case.matter'), dataIndex: 'matterCode', render: (m: string | null) => m ?? '—' },
              { title: t('case.agency'), dataIndex: 'agency', render: (a: string | null) => a ?? '—' },
              { title: t('enterprise.nextDue'), dataIndex: 'nextDueOn', render: (d?: string) => formatDate(d) },
            ]}
          />
        </ScrollRegion>
      )}
    </Loaded>
  );
}

function CreditFile({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useCreditFile(id);
  return (
    <Loaded query={query}>
      {({ entries }) =>
        entries.length === 0 ? (
          <Empty description={t('enterprise.noEntries')} />
        ) : (
          <Timeline
            items={entries.map((e, i) => ({
              key: i,
              content: (
                <>
                  <Typography.Text strong>{formatDate(e.occurredOn)}</Typography.Text>{' '}
                  <Tag>{t(`creditFile.${e.kind}`, { defaultValue: e.kind })}</Tag>{' '}
                  <Link to={casePath(e.processType, e.processId)}>{t(`processes.${e.processType}`)}</Link>
                  <div>{e.summary}</div>
                </>
              ),
            }))}
          />
        )
      }
    </Loaded>
  );
}

export default function EnterprisePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const profile = useEnterprise(id);
  return (
    <Loaded query={profile}>
      {(p) => (
        <div className="page">
          <Typography.Title level={1}>{p.name}</Typography.Title>
          <Profile profile={p} />
          <Typography.Title level={2}>{t('enterprise.processes')}</Typography.Title>
          <Processes id={id} />
          <Typography.Title level={2}>{t('enterprise.creditFile')}</Typography.Title>
          <CreditFile id={id} />
        </div>
      )}
    </Loaded>
  );
}
