// Form fields several action forms share: a required text, a calendar date sent as 'YYYY-MM-DD'.
import { DatePicker, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

export function TextField({
  name,
  label,
  rows,
  initialValue,
}: {
  name: string;
  label: string;
  rows?: number;
  initialValue?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      initialValue={initialValue}
      rules={[{ required: true, whitespace: true, message: t('forms.required') }]}
    >
      {rows ? <Input.TextArea rows={rows} /> : <Input />}
    </Form.Item>
  );
}

export function DateField({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={[{ required, message: t('forms.required') }]}>
      <DatePicker className="full-width" />
    </Form.Item>
  );
}

export function NumberField({
  name,
  label,
  min,
  max,
  initialValue,
}: {
  name: string;
  label: string;
  min: number;
  max: number;
  initialValue?: number;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      initialValue={initialValue}
      rules={[{ required: true, message: t('forms.required') }]}
    >
      <InputNumber min={min} max={max} precision={0} className="full-width" />
    </Form.Item>
  );
}

/** A DatePicker's value as the API's calendar date. */
export const calendarDateOf = (value: Dayjs): string => value.format('YYYY-MM-DD');
