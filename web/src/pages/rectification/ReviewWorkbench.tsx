// 复查审核: the latest round's files beside the decision form, in a wide drawer (stacked on a
// phone). Reasons are required either way: they reach the business and the audit trail.
import { App, Button, Col, Drawer, Form, Input, Radio, Row, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseStep } from '../../api/cases';
import type { RectificationView } from '../../api/types';
import { RefusalAlert } from '../../components/RefusalAlert';
import { FilePreview } from './FilePreview';

export function ReviewWorkbench({ view }: { view: RectificationView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const review = useCaseStep('rectifications', view.id, '/rectifications/{id}/review');
  const round = view.submissions.at(-1);

  async function decide(values: { decision: 'accepted' | 'rejected'; reasons: string }) {
    await review.mutateAsync(values);
    setOpen(false);
    void message.success(t('actions.done'));
  }

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('review.open')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size="min(1200px, 100vw)"
        title={t('review.title', { round: round?.round ?? '' })}
      >
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={14}>
            <Typography.Paragraph>{round?.description}</Typography.Paragraph>
            <Tabs
              items={(round?.files ?? []).map((file) => ({
                key: file.evidenceId,
                label: file.filename,
                children: <FilePreview rectificationId={view.id} file={file} />,
              }))}
            />
          </Col>
          <Col xs={24} lg={10}>
            <Space orientation="vertical" className="full-width">
              <RefusalAlert error={review.error} />
              <Form layout="vertical" onFinish={(v) => void decide(v).catch(() => undefined)}>
                <Form.Item
                  name="decision"
                  label={t('review.decision')}
                  rules={[{ required: true, message: t('forms.required') }]}
                >
                  <Radio.Group
                    options={[
                      { value: 'accepted', label: t('review.accepted') },
                      { value: 'rejected', label: t('review.rejected') },
                    ]}
                  />
                </Form.Item>
                <Form.Item
                  name="reasons"
                  label={t('review.reasons')}
                  rules={[{ required: true, whitespace: true, message: t('forms.required') }]}
                >
                  <Input.TextArea rows={5} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={review.isPending}>
                  {t('actions.submit')}
                </Button>
              </Form>
            </Space>
          </Col>
        </Row>
      </Drawer>
    </>
  );
}
