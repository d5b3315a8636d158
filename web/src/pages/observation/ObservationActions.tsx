// What the caller may do on an observation period now: the business consents or declines, and may
// withdraw; the officer records soft measures and incidents, extends, concludes, terminates.
import { Form, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCaseStep } from '../../api/cases';
import type { ObservationView } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { ForRole } from '../../components/ForRole';
import { LegalReviewActions } from '../../components/LegalReview';
import { calendarDateOf, DateField, NumberField, TextField } from '../../components/fields';

export const SOFT_MEASURES = [
  'education_reminder',
  'persuasion_demonstration',
  'warning',
  'administrative_tip',
  'administrative_guidance',
  'administrative_interview',
] as const;
const HARMS = ['none', 'minor', 'serious'] as const;
const TERMINATION_REASONS = ['general_procedure', 'basis_lapsed', 'public_interest', 'other'] as const;

function Choice({
  name,
  label,
  options,
}: {
  name: string;
  label: string;
  options: Array<{ value: string | boolean; label: string }>;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('forms.required') }]}>
      <Radio.Group options={options} />
    </Form.Item>
  );
}

function BusinessActions({ view }: { view: ObservationView }) {
  const { t } = useTranslation();
  const consent = useCaseStep('observation-periods', view.id, '/observation-periods/{id}/consent');
  const termination = useCaseStep('observation-periods', view.id, '/observation-periods/{id}/termination');
  return (
    <Space wrap>
      {view.status === 'pending_consent' && (
        <ActionModal label={t('observation.respond')} buttonType="primary" submit={consent.mutateAsync}>
          <Choice
            name="accept"
            label={t('observation.respond')}
            options={[
              { value: true, label: t('observation.accept') },
              { value: false, label: t('observation.decline') },
            ]}
          />
        </ActionModal>
      )}
      {view.status === 'active' && (
        <ActionModal
          label={t('observation.withdraw')}
          danger
          submit={(v: { note: string }) => termination.mutateAsync({ reason: 'withdrawn', note: v.note })}
        >
          <TextField name="note" label={t('forms.note')} rows={3} />
        </ActionModal>
      )}
    </Space>
  );
}

function OfficerActions({ view }: { view: ObservationView }) {
  const { t } = useTranslation();
  const measure = useCaseStep('observation-periods', view.id, '/observation-periods/{id}/measures');
  const incident = useCaseStep('observation-periods', view.id, '/observation-periods/{id}/incidents');
  const extension = useCaseStep('observation-periods', view.id, '/observation-periods/{id}/extension');
  const conclusion = useCaseStep('observation-periods', view.id, '/observation-periods/{id}/conclusion');
  const termination = useCaseStep('observation-periods', view.id, '/observation-periods/{id}/termination');
  const open = ['pending_consent', 'active', 'awaiting_conclusion'].includes(view.status);
  return (
    <Space wrap>
      {view.status === 'active' && (
        <>
          <ActionModal
            label={t('observation.measure')}
            buttonType="primary"
            submit={(v: { type: (typeof SOFT_MEASURES)[number]; note: string; date?: Dayjs }) =>
              measure.mutateAsync({ type: v.type, note: v.note, ...(v.date ? { date: calendarDateOf(v.date) } : {}) })
            }
          >
            <Form.Item
              name="type"
              label={t('observation.measureType')}
              rules={[{ required: true, message: t('forms.required') }]}
            >
              <Select options={SOFT_MEASURES.map((m) => ({ value: m, label: t(`measures.${m}`) }))} />
            </Form.Item>
            <TextField name="note" label={t('forms.note')} rows={3} />
            <DateField name="date" label={t('observation.measureDate')} required={false} />
          </ActionModal>
          <ActionModal label={t('observation.incident')} submit={incident.mutateAsync}>
            <TextField name="description" label={t('observation.incidentDescription')} rows={3} />
            <Choice
              name="harm"
              label={t('observation.harm')}
              options={HARMS.map((h) => ({ value: h, label: t(`harms.${h}`) }))}
            />
          </ActionModal>
          <ActionModal label={t('observation.extend')} submit={extension.mutateAsync}>
            <NumberField name="months" label={t('observation.extensionMonths')} min={1} max={24} />
            <TextField name="reason" label={t('forms.reason')} rows={3} />
          </ActionModal>
        </>
      )}
      {view.status === 'awaiting_conclusion' && (
        <ActionModal label={t('observation.conclude')} buttonType="primary" submit={conclusion.mutateAsync}>
          <Choice
            name="outcome"
            label={t('observation.outcome')}
            options={[
              { value: 'passed', label: t('status.observation_period.passed') },
              { value: 'escalated', label: t('status.observation_period.escalated') },
            ]}
          />
          <TextField name="reason" label={t('forms.reason')} rows={3} />
        </ActionModal>
      )}
      {open && (
        <ActionModal label={t('observation.terminate')} danger submit={termination.mutateAsync}>
          <Form.Item name="reason" label={t('forms.reason')} rules={[{ required: true, message: t('forms.required') }]}>
            <Select options={TERMINATION_REASONS.map((r) => ({ value: r, label: t(`terminationReasons.${r}`) }))} />
          </Form.Item>
          <TextField name="note" label={t('forms.note')} rows={3} />
        </ActionModal>
      )}
    </Space>
  );
}

export function ObservationActions({ view }: { view: ObservationView }) {
  return (
    <Space wrap>
      <ForRole roles={{ business: <BusinessActions view={view} />, officer: <OfficerActions view={view} /> }} />
      <LegalReviewActions resource="observation-periods" view={view} />
    </Space>
  );
}
