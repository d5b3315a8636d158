// 录入处罚信息: credit staff (or an officer) enter a penalty decision; every publication date is
// computed by the API from the decision date, which may lie in the past (records loaded late).
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useOpenCase } from '../../api/cases';
import { calendarDateOf, DateField, TextField } from '../../components/fields';
import { EnterpriseField } from './EnterpriseField';
import { NewCaseForm } from './NewCaseForm';

const PENALTY_TYPES = ['warning', 'public_criticism', 'fine', 'confiscation', 'licence_suspension'] as const;

interface Values {
  enterpriseId: string;
  decisionNo: string;
  decidedOn: Dayjs;
  severity: 'general' | 'serious';
  procedure: 'simple' | 'general';
  penalties: Array<{ type: string; amount?: number }>;
  agency?: string;
}

export default function NewPenaltyRecordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const enter = useOpenCase('/penalty-records');

  async function submit(v: Values) {
    const created = await enter.mutateAsync({
      enterpriseId: v.enterpriseId.trim(),
      decisionNo: v.decisionNo,
      decidedOn: calendarDateOf(v.decidedOn),
      severity: v.severity,
      procedure: v.procedure,
      penalties: v.penalties.map((p) => ({ type: p.type, ...(p.amount ? { amount: p.amount } : {}) })),
      ...(v.agency?.trim() ? { agency: v.agency.trim() } : {}),
    });
    return `/penalty-records/${created.id}`;
  }

  const choice = (name: string, label: string, values: readonly string[], prefix: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('forms.required') }]}>
      <Select options={values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }))} />
    </Form.Item>
  );

  return (
    <NewCaseForm
      title={t('nav.newPenaltyRecord')}
      form={form}
      submit={submit}
      error={enter.error}
      busy={enter.isPending}
      initialValues={{ severity: 'general', procedure: 'general', penalties: [{ type: 'fine' }] }}
    >
      <EnterpriseField />
      <TextField name="decisionNo" label={t('penalty.decisionNo')} />
      <DateField name="decidedOn" label={t('penalty.decidedOn')} />
      {choice('severity', t('penalty.severity'), ['general', 'serious'], 'penalty.severities')}
      {choice('procedure', t('penalty.procedure'), ['general', 'simple'], 'penalty.procedures')}
      <Form.List name="penalties">
        {(fields, { add, remove }) => (
          <Form.Item label={t('penalty.penalties')} required>
            <Space orientation="vertical" className="full-width">
              {fields.map((field, i) => (
                <Space key={field.key} wrap>
                  <Form.Item name={[field.name, 'type']} noStyle rules={[{ required: true }]}>
                    <Select
                      aria-label={t('penalty.penaltyType', { number: i + 1 })}
                      className="filter-select"
                      options={PENALTY_TYPES.map((p) => ({ value: p, label: t(`penalty.types.${p}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amount']} noStyle>
                    <InputNumber
                      min={0}
                      aria-label={t('penalty.amount', { number: i + 1 })}
                      placeholder={t('penalty.amountPlaceholder')}
                    />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(field.name)}>{t('newCase.removeAction')}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ type: 'fine' })}>{t('penalty.addPenalty')}</Button>
            </Space>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="agency" label={t('penalty.agency')} extra={t('penalty.agencyHint')}>
        <Input />
      </Form.Item>
    </NewCaseForm>
  );
}
