// 执法事项目录: every enforcement matter with its lists, exclusion and benchmark; admins edit one
// with a reason (kept in the audit trail).
import { Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useCatalog } from '../../api/catalog';
import type { Matter } from '../../api/types';
import { useSession } from '../../auth/session';
import { Loaded } from '../../components/Results';
import { fineRange, MatterTags } from '../newCase/MatterPicker';
import { MatterEditor } from './MatterEditor';

export default function CatalogPage() {
  const { t } = useTranslation();
  const admin = useSession()?.role === 'admin';
  const catalog = useCatalog();
  const [search, setSearch] = useState('');
  const shown = (list: Matter[]) =>
    list.filter((m) => `${m.code} ${m.title} ${m.titleEn}`.toLowerCase().includes(search.trim().toLowerCase()));
  return (
    <Space orientation="vertical" size="middle" className="full-width page">
      <Typography.Title level={1}>{t('nav.catalog')}</Typography.Title>
      <Input.Search
        aria-label={t('catalog.search')}
        placeholder={t('catalog.search')}
        allowClear
        onChange={(e) => setSearch(e.target.value)}
        className="catalog-search"
      />
      <Loaded query={catalog}>
        {(list) => (
          <ScrollRegion label={t('nav.catalog')}>
            <Table<Matter>
              size="small"
              rowKey="code"
              dataSource={shown(list)}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              style={{ minWidth: 900 }}
              columns={[
                { title: t('catalog.code'), dataIndex: 'code' },
                { title: t('catalog.title'), dataIndex: 'title' },
                {
                  title: t('matters.area'),
                  dataIndex: 'area',
                  render: (a: string) => t(`areas.${a}`, { defaultValue: a }),
                },
                { title: t('matters.lists'), key: 'lists', render: (_, m) => <MatterTags matter={m} /> },
                { title: t('matters.benchmark'), key: 'benchmark', render: (_, m) => fineRange(m, t) },
                { title: t('matters.defaultDays'), dataIndex: 'defaultRectificationWorkingDays' },
                ...(admin
                  ? [
                      {
                        title: t('tasks.open'),
                        key: 'edit',
                        render: (_: unknown, m: Matter) => <MatterEditor matter={m} />,
                      },
                    ]
                  : []),
              ]}
            />
          </ScrollRegion>
        )}
      </Loaded>
    </Space>
  );
}
