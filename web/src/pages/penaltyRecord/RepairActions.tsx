// Credit repair on a penalty record: the business applies with its materials checklist (or
// supplements when asked); credit staff accept, approve, reject or ask for more, and may revoke a
// repair. Which decisions an application allows is the API's to say; the form offers the usual ones.
import { Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseStep } from '../../api/cases';
import type { PenaltyRecordView } from '../../api/types';
import { useSession } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { TextField } from '../../components/fields';

type Application = PenaltyRecordView['applications'][number];
const REQUIRED = ['commitmentLetter', 'fulfilmentProof', 'correctionProof'] as const;
const OPTIONAL = ['creditReport', 'trainingCertificate'] as const;

/** The materials checklist: the three required ones first; blanks are sent as missing, and the API lists them. */
function Materials({ required }: { required: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('repair.checklist')}</Typography.Paragraph>
      {REQUIRED.map((m) => (
        <Form.Item key={m} name={m} label={`${t(`materials.${m}`)}${required ? ` (${t('repair.required')})` : ''}`}>
          <Input.TextArea rows={2} />
        </Form.Item>
      ))}
      {OPTIONAL.map((m) => (
        <Form.Item key={m} name={m} label={`${t(`materials.${m}`)} (${t('repair.optional')})`}>
          <Input.TextArea rows={2} />
        </Form.Item>
      ))}
    </>
  );
}

const filled = (values: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v?.trim()));

const DECISIONS: Record<string, readonly string[]> = {
  pending: ['accepted', 'rejected', 'needs_more'],
  accepted: ['approved', 'rejected', 'needs_more'],
};

function Decide({ view, app }: { view: PenaltyRecordView; app: Application }) {
  const { t } = useTranslation();
  const decide = useCaseStep('penalty-records', view.id, '/penalty-records/{id}/repair-applications/{appId}/decision', {
    appId: app.id,
  });
  const options = DECISIONS[app.status] ?? [];
  if (options.length === 0) return null;
  return (
    <ActionModal
      label={app.status === 'pending' ? t('repair.accept') : t('repair.decide')}
      buttonType="primary"
      submit={decide.mutateAsync}
    >
      <Form.Item
        name="decision"
        label={t('repair.decision')}
        rules={[{ required: true, message: t('forms.required') }]}
      >
        <Radio.Group options={options.map((d) => ({ value: d, label: t(`repair.decisions.${app.status}.${d}`) }))} />
      </Form.Item>
      <TextField name="reasons" label={t('review.reasons')} rows={3} />
    </ActionModal>
  );
}

export function RepairActions({ view }: { view: PenaltyRecordView }) {
  const { t } = useTranslation();
  const session = useSession();
  const apply = useCaseStep('penalty-records', view.id, '/penalty-records/{id}/repair-applications');
  const revoke = useCaseStep('penalty-records', view.id, '/penalty-records/{id}/revocation');
  const latest = view.applications.at(-1);
  const supplement = useCaseStep(
    'penalty-records',
    view.id,
    '/penalty-records/{id}/repair-applications/{appId}/supplement',
    {
      appId: latest?.id ?? '',
    },
  );
  const waiting = latest && ['pending', 'accepted', 'needs_more'].includes(latest.status);
  const published = ['published', 'repair_eligible'].includes(view.status);

  if (session?.role === 'business')
    return (
      <Space wrap>
        {published && !waiting && (
          <ActionModal
            label={t('repair.apply')}
            buttonType="primary"
            submit={(v: Record<string, string>) => apply.mutateAsync(filled(v))}
          >
            <Materials required />
          </ActionModal>
        )}
        {latest?.status === 'needs_more' && (
          <ActionModal
            label={t('repair.supplement')}
            buttonType="primary"
            submit={(v: Record<string, string>) => supplement.mutateAsync(filled(v))}
          >
            <Materials required={false} />
            <Form.Item name="note" label={t('forms.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </ActionModal>
        )}
      </Space>
    );
  if (session?.role === 'credit_staff')
    return (
      <Space wrap>
        {latest && <Decide view={view} app={latest} />}
        {view.status === 'repaired' && (
          <ActionModal label={t('repair.revoke')} danger submit={revoke.mutateAsync}>
            <TextField name="reason" label={t('forms.reason')} rows={3} />
          </ActionModal>
        )}
      </Space>
    );
  return null;
}
