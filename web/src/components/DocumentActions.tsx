// What the caller may do with one document: download its PDF (anyone who sees it); acknowledge it
// (签收, the business, while it awaits service), after a confirmation; record another way of service
// (登记送达, an officer, while it awaits service). The API decides who may; its refusals are
// explained here in the document's terms (already served, a service date out of range).
import { App, Button, Form, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentPdf, useAcknowledgement, useService, type CaseDocument } from '../api/documents';
import { saveBlob } from '../api/files';
import { useSession } from '../auth/session';
import { formatDate } from '../format/dates';
import type { CaseResource } from '../vocabulary';
import { ActionModal } from './ActionModal';
import { RefusalAlert } from './RefusalAlert';
import { calendarDateOf, DateField, TextField } from './fields';

const OFFICER_METHODS = ['in_person', 'post', 'announcement'] as const;

interface Props {
  resource: CaseResource;
  caseId: string;
  document: CaseDocument;
  /** Awaiting service: neither acknowledged nor served another way, and to be served at all. */
  pending: boolean;
}

function RecordService({ resource, caseId, document: doc }: Omit<Props, 'pending'>) {
  const { t } = useTranslation();
  const { issuedOn } = doc;
  const service = useService(resource, caseId);
  // The form's refusal in the document's terms; memoised, as a new component each render would remount it.
  const refusal = useMemo(
    () =>
      function ServiceRefusal({ error }: { error: unknown }) {
        const explain = {
          INVALID_STATE: t('documents.refusals.alreadyServed'),
          INVALID_SERVICE_DATE: t('documents.refusals.serviceDate', { issuedOn: formatDate(issuedOn) }),
        };
        return <RefusalAlert error={error} explain={explain} />;
      },
    [t, issuedOn],
  );
  return (
    <ActionModal
      label={t('documents.recordService')}
      title={t('documents.recordServiceTitle', { title: doc.title, number: doc.number })}
      refusal={refusal}
      submit={(v: { method: (typeof OFFICER_METHODS)[number]; servedOn: Dayjs; note: string }) =>
        service.mutateAsync({ documentId: doc.id, body: { ...v, servedOn: calendarDateOf(v.servedOn) } })
      }
    >
      <Form.Item name="method" label={t('documents.method')} rules={[{ required: true, message: t('forms.required') }]}>
        <Radio.Group options={OFFICER_METHODS.map((m) => ({ value: m, label: t(`documents.methods.${m}`) }))} />
      </Form.Item>
      <DateField name="servedOn" label={t('documents.servedOn')} />
      <TextField name="note" label={t('documents.note')} rows={3} />
    </ActionModal>
  );
}

export function DocumentActions({ resource, caseId, document: doc, pending }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const role = useSession()?.role;
  const acknowledgement = useAcknowledgement(resource, caseId);
  const [downloading, setDownloading] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; download: boolean }>();

  async function download() {
    setDownloading(true);
    setFailure(undefined);
    try {
      saveBlob(await documentPdf(doc.id), `${doc.number}.pdf`);
    } catch (error) {
      setFailure({ error, download: true });
    } finally {
      setDownloading(false);
    }
  }

  const acknowledge = () =>
    modal.confirm({
      title: t('documents.acknowledgeTitle', { title: doc.title }),
      content: t('documents.acknowledgeHint', { number: doc.number }),
      okText: t('documents.confirmAcknowledge'),
      cancelText: t('actions.cancel'),
      async onOk() {
        setFailure(undefined);
        try {
          await acknowledgement.mutateAsync(doc.id);
          void message.success(t('documents.acknowledgedMessage'));
        } catch (error) {
          setFailure({ error, download: false });
        }
      },
    });

  return (
    <Space orientation="vertical" className="full-width">
      <Space wrap>
        <Button onClick={() => void download()} loading={downloading}>
          {t('documents.download')}
        </Button>
        {pending && role === 'business' && (
          <Button type="primary" onClick={acknowledge}>
            {t('documents.acknowledge')}
          </Button>
        )}
        {pending && role === 'officer' && <RecordService resource={resource} caseId={caseId} document={doc} />}
      </Space>
      {failure && (
        <RefusalAlert
          error={failure.error}
          explain={
            failure.download
              ? { NOT_FOUND: t('documents.refusals.pdfMissing'), NETWORK: t('documents.refusals.downloadFailed') }
              : { INVALID_STATE: t('documents.refusals.alreadyServed') }
          }
        />
      )}
    </Space>
  );
}
