// The steps the caller may take on a rectification now: the ones its open steps await from the
// caller's role, plus the business's extension request while it gathers evidence. The API decides;
// a refusal is explained in the form.
import { Form, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCaseStep } from '../../api/cases';
import type { RectificationView } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { ForRole } from '../../components/ForRole';
import { EvidenceUploader } from '../../components/EvidenceUploader';
import { LegalReviewActions } from '../../components/LegalReview';
import { calendarDateOf, DateField, NumberField, TextField } from '../../components/fields';
import { ReviewWorkbench } from './ReviewWorkbench';

function BusinessActions({ view }: { view: RectificationView }) {
  const { t } = useTranslation();
  const commitment = useCaseStep('rectifications', view.id, '/rectifications/{id}/commitment');
  const extension = useCaseStep('rectifications', view.id, '/rectifications/{id}/extension-request');
  const awaits = (s: string) => view.openSteps.some((o) => o.step === s && o.assignee === 'business');
  return (
    <Space wrap>
      {awaits('commitment') && (
        <ActionModal label={t('rectification.commit')} buttonType="primary" submit={commitment.mutateAsync}>
          <TextField name="signatory" label={t('rectification.signatory')} />
          <TextField
            name="statement"
            label={t('rectification.statement')}
            rows={5}
            initialValue={t('rectification.statementTemplate')}
          />
        </ActionModal>
      )}
      {awaits('evidence') && <EvidenceUploader rectificationId={view.id} />}
      {view.status === 'awaiting_evidence' && view.extensions.length === 0 && (
        <ActionModal label={t('rectification.requestExtension')} submit={extension.mutateAsync}>
          <NumberField name="days" label={t('rectification.extensionDays')} min={1} max={60} />
          <TextField name="reason" label={t('forms.reason')} rows={3} />
        </ActionModal>
      )}
    </Space>
  );
}

function OfficerActions({ view }: { view: RectificationView }) {
  const { t } = useTranslation();
  const decision = useCaseStep('rectifications', view.id, '/rectifications/{id}/extension-decision');
  const followUp = useCaseStep('rectifications', view.id, '/rectifications/{id}/follow-up');
  const escalation = useCaseStep('rectifications', view.id, '/rectifications/{id}/escalation');
  const awaits = (s: string) => view.openSteps.some((o) => o.step === s && o.assignee === 'officer');
  return (
    <Space wrap>
      {awaits('review') && <ReviewWorkbench view={view} />}
      {awaits('extension_decision') && (
        <ActionModal label={t('rectification.decideExtension')} buttonType="primary" submit={decision.mutateAsync}>
          <Form.Item
            name="approve"
            label={t('rectification.approve')}
            rules={[{ required: true, message: t('forms.required') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('forms.yes') },
                { value: false, label: t('forms.no') },
              ]}
            />
          </Form.Item>
          <TextField name="reason" label={t('forms.reason')} rows={3} />
        </ActionModal>
      )}
      {awaits('overdue_decision') && (
        <ActionModal
          label={t('rectification.grantExtension')}
          submit={(v: { days: number; reason: string }) => decision.mutateAsync({ approve: true, ...v })}
        >
          <NumberField name="days" label={t('rectification.extensionDays')} min={1} max={60} />
          <TextField name="reason" label={t('forms.reason')} rows={3} />
        </ActionModal>
      )}
      {awaits('follow_up') && (
        <ActionModal
          label={t('rectification.followUp')}
          buttonType="primary"
          submit={(v: { visitedOn: Dayjs; outcome: 'compliant' | 'recurred'; note: string }) =>
            followUp.mutateAsync({ ...v, visitedOn: calendarDateOf(v.visitedOn) })
          }
        >
          <DateField name="visitedOn" label={t('rectification.visitedOn')} />
          <Form.Item
            name="outcome"
            label={t('rectification.outcome')}
            rules={[{ required: true, message: t('forms.required') }]}
          >
            <Radio.Group
              options={[
                { value: 'compliant', label: t('rectification.compliant') },
                { value: 'recurred', label: t('rectification.recurred') },
              ]}
            />
          </Form.Item>
          <TextField name="note" label={t('forms.note')} rows={3} />
        </ActionModal>
      )}
      {['awaiting_commitment', 'awaiting_evidence', 'under_review', 'overdue'].includes(view.status) && (
        <ActionModal label={t('rectification.escalate')} danger submit={escalation.mutateAsync}>
          <TextField name="reason" label={t('forms.reason')} rows={3} />
        </ActionModal>
      )}
    </Space>
  );
}

export function RectificationActions({ view }: { view: RectificationView }) {
  return (
    <Space wrap>
      <ForRole roles={{ business: <BusinessActions view={view} />, officer: <OfficerActions view={view} /> }} />
      <LegalReviewActions resource="rectifications" view={view} />
    </Space>
  );
}
