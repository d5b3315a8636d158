// 开启观察期: an officer opens an observation period for a new-business-model enterprise and one
// matter; excluded matters are marked in the picker and refused by the API (EXCLUDED_DOMAIN).
import { Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useOpenCase } from '../../api/cases';
import { calendarDateOf, DateField, NumberField, TextField } from '../../components/fields';
import { EnterpriseField } from './EnterpriseField';
import { MatterPicker } from './MatterPicker';
import { NewCaseForm } from './NewCaseForm';

interface Values {
  enterpriseId: string;
  matterCode: string;
  legalBasis: string;
  months: number;
  reason: string;
  startDate?: Dayjs;
}

export default function NewObservationPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const open = useOpenCase('/observation-periods');

  async function submit(v: Values) {
    const created = await open.mutateAsync({
      enterpriseId: v.enterpriseId.trim(),
      matterCode: v.matterCode,
      legalBasis: v.legalBasis,
      months: v.months,
      reason: v.reason,
      ...(v.startDate ? { startDate: calendarDateOf(v.startDate) } : {}),
    });
    return `/observation-periods/${created.id}`;
  }

  return (
    <NewCaseForm title={t('nav.newObservation')} form={form} submit={submit} error={open.error} busy={open.isPending}>
      <EnterpriseField />
      <MatterPicker />
      <TextField name="legalBasis" label={t('observation.legalBasis')} rows={2} />
      <NumberField name="months" label={t('observation.months')} min={1} max={24} initialValue={6} />
      <TextField name="reason" label={t('observation.reason')} rows={3} />
      <DateField name="startDate" label={t('observation.startDate')} required={false} />
    </NewCaseForm>
  );
}
