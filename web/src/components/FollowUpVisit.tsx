// The follow-up visit after a decision (回访): when, whether the violation is corrected, the party's
// opinion of how it was treated, and a note. The same form for every process whose visit goes to
// the register (`POST /{resource}/{id}/follow-up`).
import { Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ActionModal } from './ActionModal';
import { calendarDateOf, DateField, TextField } from './fields';

const OPINIONS = ['satisfied', 'neutral', 'dissatisfied'] as const;

export interface FollowUpVisitBody {
  visitedOn: string;
  corrected: boolean;
  opinion: (typeof OPINIONS)[number];
  comments?: string;
  note: string;
}

export function FollowUpVisit({ submit }: { submit: (body: FollowUpVisitBody) => Promise<unknown> }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('forms.required') }];
  return (
    <ActionModal
      label={t('followUp.record')}
      buttonType="primary"
      submit={(v: Omit<FollowUpVisitBody, 'visitedOn'> & { visitedOn: Dayjs }) =>
        submit({ ...v, visitedOn: calendarDateOf(v.visitedOn), comments: v.comments?.trim() || undefined })
      }
    >
      <DateField name="visitedOn" label={t('followUp.visitedOn')} />
      <Form.Item name="corrected" label={t('followUp.corrected')} rules={required}>
        <Radio.Group
          options={[
            { value: true, label: t('forms.yes') },
            { value: false, label: t('forms.no') },
          ]}
        />
      </Form.Item>
      <Form.Item name="opinion" label={t('followUp.opinion')} rules={required}>
        <Radio.Group options={OPINIONS.map((o) => ({ value: o, label: t(`followUp.opinions.${o}`) }))} />
      </Form.Item>
      <Form.Item name="comments" label={t('followUp.comments')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <TextField name="note" label={t('forms.note')} rows={3} />
    </ActionModal>
  );
}
