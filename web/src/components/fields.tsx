// Form fields several forms share: a required text, a calendar date sent as 'YYYY-MM-DD', a whole
// number in a range. Each says "please fill this in" in the user's language when left empty.
import { DatePicker, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldProps {
  name: string;
  label: string;
  required?: boolean;
  /** Blank text counts as empty (only for text: with that check antd validates the value as a string). */
  text?: boolean;
  initialValue?: unknown;
  children: ReactNode;
}

/** A form item with the console's required-field message. */
export function Field({ name, label, required = true, text = false, initialValue, children }: FieldProps) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      initialValue={initialValue}
      rules={[{ required, message: t('forms.required'), ...(text ? { whitespace: true } : {}) }]}
    >
      {children}
    </Form.Item>
  );
}

export function TextField(props: { name: string; label: string; rows?: number; initialValue?: string }) {
  return (
    <Field {...props} text>
      {props.rows ? <Input.TextArea rows={props.rows} /> : <Input />}
    </Field>
  );
}

export function DateField(props: { name: string; label: string; required?: boolean }) {
  return (
    <Field {...props}>
      <DatePicker className="full-width" />
    </Field>
  );
}

export function NumberField(props: { name: string; label: string; min: number; max: number; initialValue?: number }) {
  return (
    <Field {...props}>
      <InputNumber min={props.min} max={props.max} precision={0} className="full-width" />
    </Field>
  );
}

/** A DatePicker's value as the API's calendar date. */
export const calendarDateOf = (value: Dayjs): string => value.format('YYYY-MM-DD');
