// Editing an enforcement matter (admins): the whole matter with the reason for the change, sent
// with the version it was read at, so that two admins cannot overwrite each other unknowingly.
import { Checkbox, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSaveMatter, type MatterBody } from '../../api/catalog';
import type { Matter } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { NumberField, TextField } from '../../components/fields';

const AREAS = [
  'market_supervision',
  'culture_tourism',
  'transport',
  'urban_management',
  'commerce',
  'food_drugs',
  'ecology_environment',
  'work_safety',
  'public_health',
  'labour_protection',
  'urban_rural_planning',
  'wildlife_protection',
] as const;
const LISTS = ['no_penalty', 'lighter_penalty', 'no_coercion'] as const;

interface Values extends Omit<MatterBody, 'benchmark'> {
  minFine: number;
  maxFine: number;
}

export function MatterEditor({ matter }: { matter: Matter }) {
  const { t } = useTranslation();
  const save = useSaveMatter();
  const { benchmark, ...rest } = matter;
  return (
    <ActionModal<Values>
      label={t('catalog.edit')}
      title={t('catalog.editTitle', { code: matter.code })}
      initialValues={{ ...rest, minFine: benchmark.minFine, maxFine: benchmark.maxFine }}
      submit={({ minFine, maxFine, ...v }) =>
        save.mutateAsync({
          code: matter.code,
          version: matter.version,
          body: {
            title: v.title,
            titleEn: v.titleEn,
            area: v.area,
            legalBasis: v.legalBasis,
            lists: v.lists,
            excludedFromLeniency: v.excludedFromLeniency,
            defaultRectificationWorkingDays: v.defaultRectificationWorkingDays,
            benchmark: { minFine, maxFine, ...(benchmark.factors ? { factors: benchmark.factors } : {}) },
            reason: v.reason,
          },
        })
      }
    >
      <TextField name="title" label={t('catalog.title')} />
      <TextField name="titleEn" label={t('catalog.titleEn')} />
      <Form.Item name="area" label={t('matters.area')} rules={[{ required: true }]}>
        <Select options={AREAS.map((a) => ({ value: a, label: t(`areas.${a}`) }))} />
      </Form.Item>
      <TextField name="legalBasis" label={t('matters.legalBasis')} rows={2} />
      <Form.Item name="lists" label={t('matters.lists')}>
        <Checkbox.Group options={LISTS.map((l) => ({ value: l, label: t(`lists.${l}`) }))} />
      </Form.Item>
      <Form.Item name="excludedFromLeniency" label={t('matters.excluded')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <NumberField name="defaultRectificationWorkingDays" label={t('matters.defaultDays')} min={1} max={365} />
      <Form.Item name="minFine" label={t('catalog.minFine')} rules={[{ required: true }]}>
        <InputNumber min={0} className="full-width" />
      </Form.Item>
      <Form.Item name="maxFine" label={t('catalog.maxFine')} rules={[{ required: true }]}>
        <InputNumber min={0} className="full-width" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('catalog.reason')}
        rules={[{ required: true, whitespace: true, message: t('forms.required') }]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}
