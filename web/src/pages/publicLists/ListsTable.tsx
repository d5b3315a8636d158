// An agency's lists as a table: each matter with its lists (and exclusion), fine range, legal basis
// and the date its entry took effect. The public lists page and the policies screen both show it.
import { Table } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../../api/schema';
import { ScrollRegion } from '../../components/ScrollRegion';
import { formatDate } from '../../format/dates';
import { fineRange, MatterTags } from '../newCase/MatterPicker';

type Answer = paths['/public/v1/lists']['get']['responses'][200]['content']['application/json'];
export type ListedMatter = Answer['matters'][number];

export function ListsTable(props: {
  matters: ListedMatter[];
  label: string;
  /** What may be done with a matter's entry (an admin's change), in a last column. */
  action?: (matter: ListedMatter) => ReactNode;
}) {
  const { matters, label, action } = props;
  const { t } = useTranslation();
  return (
    <ScrollRegion label={label}>
      <Table<ListedMatter>
        size="small"
        rowKey="code"
        dataSource={matters}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        style={{ minWidth: 900 }}
        columns={[
          { title: t('catalog.code'), dataIndex: 'code' },
          { title: t('catalog.title'), dataIndex: 'title' },
          { title: t('matters.area'), dataIndex: 'area', render: (a: string) => t(`areas.${a}`, { defaultValue: a }) },
          { title: t('matters.lists'), key: 'lists', render: (_, m) => <MatterTags matter={m} /> },
          { title: t('matters.benchmark'), key: 'benchmark', render: (_, m) => fineRange(m, t) },
          { title: t('matters.legalBasis'), dataIndex: 'legalBasis' },
          { title: t('publicLists.effectiveFrom'), dataIndex: 'effectiveFrom', render: (d: string) => formatDate(d) },
          ...(action
            ? [{ title: t('tasks.open'), key: 'action', render: (_: unknown, m: ListedMatter) => action(m) }]
            : []),
        ]}
      />
    </ScrollRegion>
  );
}
