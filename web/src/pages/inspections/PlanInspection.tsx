// 新建检查: the enterprise, routine or triggered (with what triggered it), the day, and the matters
// to inspect from the catalog. The API checks a routine one against the enterprise's cap: a refusal
// is explained with its numbers, an acceptance shows what was checked (PlannedNotice).
import { Form, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../api/catalog';
import { usePlanInspection } from '../../api/inspections';
import type { BodyOf, Inspection } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { calendarDateOf, DateField, Field, TextField } from '../../components/fields';
import { EnterpriseField } from '../newCase/EnterpriseField';
import { SupervisionRefusal } from './SupervisionRefusal';

type Plan = BodyOf<'/inspections'>;
const TRIGGERS = ['complaint', 'referral', 'risk_signal', 'case_follow_up'] as const satisfies ReadonlyArray<
  NonNullable<Plan['trigger']>['type']
>;

interface Values {
  enterpriseId: string;
  kind: Plan['kind'];
  triggerType?: (typeof TRIGGERS)[number];
  triggerRef?: string;
  plannedOn: Dayjs;
  matters: string[];
}

/** What triggered the inspection: asked only for a triggered one. */
function TriggerFields() {
  const { t } = useTranslation();
  if (Form.useWatch('kind') !== 'triggered') return null;
  return (
    <>
      <Field name="triggerType" label={t('inspections.trigger')}>
        <Select options={TRIGGERS.map((type) => ({ value: type, label: t(`inspections.triggers.${type}`) }))} />
      </Field>
      <TextField name="triggerRef" label={t('inspections.triggerRef')} />
    </>
  );
}

function MattersField() {
  const { t } = useTranslation();
  const catalog = useCatalog();
  return (
    <Field name="matters" label={t('inspections.matters')}>
      <Select
        mode="multiple"
        showSearch={{ optionFilterProp: 'search' }}
        loading={catalog.isPending}
        options={(catalog.data ?? []).map((m) => ({
          value: m.code,
          search: `${m.code} ${m.title} ${m.titleEn}`,
          label: `${m.code} ${m.title}`,
        }))}
      />
    </Field>
  );
}

const planOf = (v: Values): Plan => ({
  enterpriseId: v.enterpriseId.trim(),
  kind: v.kind,
  plannedOn: calendarDateOf(v.plannedOn),
  matters: v.matters,
  ...(v.kind === 'triggered' ? { trigger: { type: v.triggerType!, ref: v.triggerRef!.trim() } } : {}),
});

export function PlanInspection({ onPlanned }: { onPlanned: (inspection: Inspection) => void }) {
  const { t } = useTranslation();
  const plan = usePlanInspection();
  return (
    <ActionModal<Values>
      label={t('inspections.plan')}
      buttonType="primary"
      initialValues={{ kind: 'routine' }}
      refusal={SupervisionRefusal}
      submit={async (values) => onPlanned(await plan.mutateAsync(planOf(values)))}
    >
      <EnterpriseField />
      <Form.Item name="kind" label={t('inspections.kind')}>
        <Radio.Group
          options={(['routine', 'triggered'] as const).map((kind) => ({
            value: kind,
            label: t(`inspections.kinds.${kind}`),
          }))}
        />
      </Form.Item>
      <TriggerFields />
      <DateField name="plannedOn" label={t('inspections.plannedOnTitle')} />
      <MattersField />
    </ActionModal>
  );
}
