// What the caller may do on a public-interest service case now: the business answers the offer and
// logs its sessions; the officer records the follow-up visit once the case is concluded (the API
// answers 409 when none is due). Session confirmations are on the sessions' rows.
import { Form, InputNumber, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCaseStep } from '../../api/cases';
import type { OffsetView } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { ForRole } from '../../components/ForRole';
import { calendarDateOf, DateField, Field, TextField } from '../../components/fields';
import { FollowUpVisit } from '../../components/FollowUpVisit';

function BusinessActions({ view }: { view: OffsetView }) {
  const { t } = useTranslation();
  const acceptance = useCaseStep('offsets', view.id, '/offsets/{id}/acceptance');
  const session = useCaseStep('offsets', view.id, '/offsets/{id}/sessions');
  return (
    <Space wrap>
      {view.status === 'offered' && (
        <ActionModal label={t('offset.respond')} buttonType="primary" submit={acceptance.mutateAsync}>
          <Form.Item
            name="accept"
            label={t('offset.respond')}
            rules={[{ required: true, message: t('forms.required') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('offset.accept') },
                { value: false, label: t('offset.decline') },
              ]}
            />
          </Form.Item>
        </ActionModal>
      )}
      {view.status === 'in_service' && (
        <ActionModal
          label={t('offset.logSession')}
          buttonType="primary"
          submit={(v: { organisation: string; date: Dayjs; hours: number; description: string }) =>
            session.mutateAsync({ ...v, date: calendarDateOf(v.date) })
          }
        >
          <TextField name="organisation" label={t('offset.organisation')} />
          <DateField name="date" label={t('offset.date')} />
          <Field name="hours" label={t('offset.sessionHours')}>
            {/* Quarter hours, as the API counts them. */}
            <InputNumber min={0.25} max={24} step={0.25} precision={2} className="full-width" />
          </Field>
          <TextField name="description" label={t('offset.description')} rows={3} />
        </ActionModal>
      )}
    </Space>
  );
}

function OfficerActions({ view }: { view: OffsetView }) {
  const followUp = useCaseStep('offsets', view.id, '/offsets/{id}/follow-up');
  if (view.status !== 'completed' && view.status !== 'lapsed') return null;
  return <FollowUpVisit submit={followUp.mutateAsync} />;
}

export function OffsetActions({ view }: { view: OffsetView }) {
  return <ForRole roles={{ business: <BusinessActions view={view} />, officer: <OfficerActions view={view} /> }} />;
}
