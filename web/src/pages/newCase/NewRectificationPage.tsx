// 责令整改: an officer orders a rectification for a registered enterprise and a catalogued matter;
// `?enterpriseId=` fills the enterprise in (an inspection that found violations links here).
import { Button, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useOpenCase } from '../../api/cases';
import { calendarDateOf, DateField, TextField } from '../../components/fields';
import { EnterpriseField } from './EnterpriseField';
import { FirstViolationCheck } from './FirstViolationCheck';
import { MatterPicker } from './MatterPicker';
import { NewCaseForm } from './NewCaseForm';

const DISPOSITIONS = ['no_penalty', 'first_violation_no_penalty', 'lighter_penalty', 'order_only'] as const;

interface Values {
  enterpriseId: string;
  matterCode: string;
  disposition: (typeof DISPOSITIONS)[number];
  findings: string;
  requiredActions: string[];
  deadlineKind: 'default' | 'workingDays' | 'date';
  workingDays?: number;
  date?: Dayjs;
  waivedFine?: number;
}

export default function NewRectificationPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const order = useOpenCase('/rectifications');
  const [enterpriseId, matterCode, disposition, deadlineKind] = [
    Form.useWatch('enterpriseId', form),
    Form.useWatch('matterCode', form),
    Form.useWatch('disposition', form),
    Form.useWatch('deadlineKind', form),
  ];

  async function submit(v: Values) {
    const deadline =
      v.deadlineKind === 'workingDays' && v.workingDays
        ? { workingDays: v.workingDays }
        : v.deadlineKind === 'date' && v.date
          ? { date: calendarDateOf(v.date) }
          : undefined;
    const created = await order.mutateAsync({
      enterpriseId: v.enterpriseId.trim(),
      matterCode: v.matterCode,
      disposition: v.disposition,
      findings: v.findings,
      requiredActions: v.requiredActions.filter((a) => a?.trim()),
      ...(deadline ? { deadline } : {}),
      ...(v.waivedFine !== undefined && v.waivedFine !== null ? { waivedFine: v.waivedFine } : {}),
    });
    return `/rectifications/${created.id}`;
  }

  return (
    <NewCaseForm
      title={t('nav.newRectification')}
      form={form}
      submit={submit}
      error={order.error}
      busy={order.isPending}
      initialValues={{
        enterpriseId: params.get('enterpriseId') ?? undefined,
        requiredActions: [''],
        deadlineKind: 'default',
        disposition: 'no_penalty',
      }}
    >
      <EnterpriseField />
      <MatterPicker />
      <Form.Item name="disposition" label={t('rectification.disposition')} rules={[{ required: true }]}>
        <Select options={DISPOSITIONS.map((d) => ({ value: d, label: t(`dispositions.${d}`) }))} />
      </Form.Item>
      {disposition === 'first_violation_no_penalty' && (
        <FirstViolationCheck enterpriseId={enterpriseId} matterCode={matterCode} />
      )}
      <TextField name="findings" label={t('rectification.findings')} rows={4} />
      <Form.List name="requiredActions">
        {(fields, { add, remove }) => (
          <Form.Item label={t('rectification.requiredActions')} required>
            <Space orientation="vertical" className="full-width">
              {fields.map((field, i) => (
                <Space.Compact key={field.key} className="full-width">
                  <Form.Item
                    name={field.name}
                    noStyle
                    rules={[{ required: i === 0, whitespace: true, message: t('forms.required') }]}
                  >
                    <Input aria-label={t('newCase.action', { number: i + 1 })} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(field.name)}>{t('newCase.removeAction')}</Button>}
                </Space.Compact>
              ))}
              <Button onClick={() => add('')}>{t('newCase.addAction')}</Button>
            </Space>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="deadlineKind" label={t('rectification.deadline')}>
        <Radio.Group
          options={[
            { value: 'default', label: t('newCase.deadlineDefault') },
            { value: 'workingDays', label: t('newCase.deadlineWorkingDays') },
            { value: 'date', label: t('newCase.deadlineDate') },
          ]}
        />
      </Form.Item>
      {deadlineKind === 'workingDays' && (
        <Form.Item
          name="workingDays"
          label={t('newCase.deadlineWorkingDays')}
          rules={[{ required: true, message: t('forms.required') }]}
        >
          <InputNumber min={1} max={365} precision={0} className="full-width" />
        </Form.Item>
      )}
      {deadlineKind === 'date' && <DateField name="date" label={t('newCase.deadlineDate')} />}
      <Form.Item name="waivedFine" label={t('newCase.waivedFine')} extra={t('newCase.waivedFineHint')}>
        <InputNumber min={0} className="full-width" />
      </Form.Item>
    </NewCaseForm>
  );
}
