// 登记检查结果: the day it was done (not ahead of today: the API refuses that), what was found, and
// whether violations were found; violations open the officer's task to order a rectification.
import { Form, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useInspectionResult } from '../../api/inspections';
import type { BodyOf, Inspection } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { calendarDateOf, DateField, TextField } from '../../components/fields';
import { formatDate, today } from '../../format/dates';
import { SupervisionRefusal } from './SupervisionRefusal';

type Result = BodyOf<'/inspections/{id}/result'>;
const OUTCOMES = ['compliant', 'violations_found'] as const satisfies ReadonlyArray<Result['outcome']>;

export function InspectionResult({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const record = useInspectionResult(inspection.id);
  return (
    <ActionModal<Omit<Result, 'doneOn'> & { doneOn: Dayjs }>
      label={t('inspections.result')}
      title={t('inspections.resultTitle', { date: formatDate(inspection.plannedOn) })}
      initialValues={{ doneOn: dayjs(today()) }}
      refusal={SupervisionRefusal}
      submit={(v) => record.mutateAsync({ ...v, doneOn: calendarDateOf(v.doneOn) })}
    >
      <DateField name="doneOn" label={t('inspections.doneOnTitle')} />
      <Form.Item
        name="outcome"
        label={t('inspections.outcome')}
        rules={[{ required: true, message: t('forms.required') }]}
      >
        <Radio.Group options={OUTCOMES.map((o) => ({ value: o, label: t(`inspections.outcomes.${o}`) }))} />
      </Form.Item>
      <TextField name="findings" label={t('inspections.findings')} rows={4} />
    </ActionModal>
  );
}
