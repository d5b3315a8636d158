// Choosing the enforcement matter: each option shows the lists the matter is on, whether it is
// excluded from leniency, and its fine range (the discretion benchmark); the chosen one's facts
// show below, with its legal basis.
import { Descriptions, Form, Select, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../api/catalog';
import type { Matter } from '../../api/types';

export function MatterTags({ matter }: { matter: Pick<Matter, 'excludedFromLeniency' | 'lists'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {matter.excludedFromLeniency && <Tag color="red">{t('matters.excluded')}</Tag>}
      {matter.lists.map((list) => (
        <Tag key={list} color="blue">
          {t(`lists.${list}`)}
        </Tag>
      ))}
    </Space>
  );
}

export const fineRange = (m: Pick<Matter, 'benchmark'>, t: TFunction) =>
  t('matters.fineRange', { min: m.benchmark.minFine, max: m.benchmark.maxFine });

export function MatterFacts({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={[
        { key: 'area', label: t('matters.area'), children: t(`areas.${matter.area}`, { defaultValue: matter.area }) },
        { key: 'lists', label: t('matters.lists'), children: <MatterTags matter={matter} /> },
        { key: 'benchmark', label: t('matters.benchmark'), children: fineRange(matter, t) },
        {
          key: 'days',
          label: t('matters.defaultDays'),
          children: t('matters.workingDays', { count: matter.defaultRectificationWorkingDays }),
        },
        { key: 'basis', label: t('matters.legalBasis'), children: matter.legalBasis },
      ]}
    />
  );
}

export function MatterPicker({ name = 'matterCode' }: { name?: string }) {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const code = Form.useWatch(name);
  const chosen = catalog.data?.find((m) => m.code === code);
  return (
    <>
      <Form.Item name={name} label={t('matters.matter')} rules={[{ required: true, message: t('forms.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'search' }}
          loading={catalog.isPending}
          options={(catalog.data ?? []).map((m) => ({
            value: m.code,
            search: `${m.code} ${m.title} ${m.titleEn}`,
            label: `${m.code} ${m.title}`,
            matter: m,
          }))}
          optionRender={(option) => {
            const m = option.data.matter as Matter;
            return (
              <Space orientation="vertical" size={0}>
                <Typography.Text>
                  {m.code} {m.title}
                </Typography.Text>
                <Space size={4} wrap>
                  <MatterTags matter={m} />
                  <Typography.Text type="secondary">{fineRange(m, t)}</Typography.Text>
                </Space>
              </Space>
            );
          }}
        />
      </Form.Item>
      {chosen && <MatterFacts matter={chosen} />}
    </>
  );
}
