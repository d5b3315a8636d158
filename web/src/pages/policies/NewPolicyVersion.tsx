// An admin's new policy version: one setting changed, from a date (today or later: the API refuses
// a past one, RETROACTIVE_POLICY), with the reason kept in the version and the audit trail.
import { Form, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNewPolicyVersion, type PolicyChange } from '../../api/policies';
import { ActionModal } from '../../components/ActionModal';
import { calendarDateOf, DateField, Field, TextField } from '../../components/fields';

interface Values {
  setting: string;
  value: number | string;
  effectiveFrom: Dayjs;
  reason: string;
}

export function NewPolicyVersion({ agency, current }: { agency: string; current: Record<string, unknown> }) {
  const { t } = useTranslation();
  const save = useNewPolicyVersion(agency);
  // The settings a single value changes: the numbers (days, months, caps) and the document numbers' pattern.
  const settings = Object.keys(current).filter(
    (key) => (typeof current[key] === 'number' && key !== 'revision') || key === 'documentNumberPattern',
  );
  return (
    <ActionModal<Values>
      label={t('policies.newVersion')}
      buttonType="primary"
      submit={({ setting, value, effectiveFrom, reason }) =>
        save.mutateAsync({
          effectiveFrom: calendarDateOf(effectiveFrom),
          reason: reason.trim(),
          [setting]: value,
        } as PolicyChange)
      }
    >
      {(form) => (
        <>
          <Field name="setting" label={t('policies.setting')}>
            <Select
              showSearch
              options={settings.map((key) => ({ value: key, label: key }))}
              onChange={(key: string) => form.setFieldValue('value', current[key])}
            />
          </Field>
          <Form.Item noStyle shouldUpdate>
            {() =>
              form.getFieldValue('setting') === 'documentNumberPattern' ? (
                <TextField name="value" label={t('policies.value')} />
              ) : (
                <Field name="value" label={t('policies.value')}>
                  <InputNumber min={0} precision={0} className="full-width" />
                </Field>
              )
            }
          </Form.Item>
          <DateField name="effectiveFrom" label={t('policies.effectiveFrom')} />
          <TextField name="reason" label={t('policies.reason')} rows={3} />
        </>
      )}
    </ActionModal>
  );
}
