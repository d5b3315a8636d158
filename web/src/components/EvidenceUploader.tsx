// Submitting a round of evidence: several files by drag and drop or picking, each checked for type
// and size before anything is sent (the API checks again, by content), one upload with progress,
// then each stored file's SHA-256 as the API computed it.
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, List, Modal, Progress, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadEvidence, type UploadAnswer } from '../api/evidence';
import { keys } from '../api/keys';
import { RefusalAlert } from './RefusalAlert';

/** What the API stores (api/evidence.ts decides, by content too); checked here to say so before uploading. */
const ACCEPTED_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
];
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.txt';
/** The service's default limit per file (EVIDENCE_MAX_BYTES); a larger limit is refused by it, not here. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

interface Refused {
  name: string;
  reason: 'type' | 'size';
}

export function EvidenceUploader({ rectificationId }: { rectificationId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [refused, setRefused] = useState<Refused[]>([]);
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<UploadAnswer>();
  const [form] = Form.useForm<{ description: string }>();

  function check(file: File): boolean {
    const reason = !ACCEPTED_TYPES.includes(file.type) ? 'type' : file.size > MAX_FILE_BYTES ? 'size' : undefined;
    if (reason) setRefused((list) => [...list, { name: file.name, reason }]);
    return !reason;
  }

  async function send({ description }: { description: string }) {
    setError(undefined);
    setProgress(0);
    try {
      const picked = files.map((f) => f.originFileObj as File);
      setAnswer(await uploadEvidence(rectificationId, description, picked, setProgress));
      setProgress(undefined);
    } catch (e) {
      setError(e);
      setProgress(undefined);
    }
  }

  function close() {
    // The case is read again only now: it no longer awaits evidence, which unmounts this dialog.
    if (answer) {
      void client.invalidateQueries({ queryKey: keys.case('rectifications', rectificationId) });
      void client.invalidateQueries({ queryKey: keys.allTasks });
    }
    setOpen(false);
    setFiles([]);
    setRefused([]);
    setProgress(undefined);
    setAnswer(undefined);
    setError(undefined);
    form.resetFields();
  }

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('evidence.submit')}
      </Button>
      <Modal
        open={open}
        title={t('evidence.title')}
        onCancel={close}
        footer={
          answer ? (
            <Button type="primary" onClick={close}>
              {t('actions.close')}
            </Button>
          ) : (
            <Button
              type="primary"
              onClick={() => form.submit()}
              disabled={files.length === 0}
              loading={progress !== undefined}
            >
              {t('evidence.upload')}
            </Button>
          )
        }
        destroyOnHidden
      >
        {answer ? (
          <List
            header={t('evidence.stored', { round: answer.round })}
            dataSource={answer.files}
            renderItem={(f) => (
              <List.Item>
                <List.Item.Meta
                  title={f.filename}
                  description={
                    <Typography.Text copyable code className="sha256">
                      {f.sha256}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Form form={form} layout="vertical" onFinish={send}>
            <RefusalAlert error={error} />
            <Form.Item
              name="description"
              label={t('evidence.description')}
              rules={[{ required: true, whitespace: true, message: t('forms.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Upload.Dragger
              multiple
              accept={ACCEPT}
              fileList={files}
              beforeUpload={(file) =>
                check(file)
                  ? (setFiles((list) => [
                      ...list,
                      { uid: file.uid, name: file.name, originFileObj: file as never, status: 'done' },
                    ]),
                    false)
                  : Upload.LIST_IGNORE
              }
              onRemove={(file) => setFiles((list) => list.filter((f) => f.uid !== file.uid))}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p>{t('evidence.drop')}</p>
              <p className="ant-upload-hint">{t('evidence.hint', { size: MAX_FILE_BYTES / 1024 / 1024 })}</p>
            </Upload.Dragger>
            {refused.length > 0 && (
              <List
                size="small"
                className="refused-files"
                dataSource={refused}
                renderItem={(r) => (
                  <List.Item>
                    <Typography.Text type="danger">
                      {t(`evidence.refused.${r.reason}`, { name: r.name })}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
            {progress !== undefined && <Progress percent={progress} aria-label={t('evidence.progress')} />}
          </Form>
        )}
      </Modal>
    </>
  );
}
