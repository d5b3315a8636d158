// Legal review (法制审核) on a case page: the rounds so far (what was sent, by whom, the verdict and
// its reasons), the legal reviewer's verdict when the case awaits one, and the officer's
// resubmission when review returned it. The same for every process that sends decisions to review.
import { Form, List, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseStep } from '../api/cases';
import type { ObservationView, RectificationView } from '../api/types';
import { ActionModal } from './ActionModal';
import { ForRole } from './ForRole';
import { TextField } from './fields';
import { formatInstant } from '../format/dates';

type Reviewed = RectificationView | ObservationView;
type Resource = 'rectifications' | 'observation-periods';

const awaits = (view: Reviewed, step: string) => view.openSteps.some((s) => s.step === step);

function Verdict({ resource, view }: { resource: Resource; view: Reviewed }) {
  const { t } = useTranslation();
  const review = useCaseStep(
    resource,
    view.id,
    `/${resource}/{id}/legal-review` as '/rectifications/{id}/legal-review',
  );
  if (!awaits(view, 'legal_review')) return null;
  return (
    <ActionModal label={t('legalReview.review')} buttonType="primary" submit={review.mutateAsync}>
      <Form.Item
        name="decision"
        label={t('legalReview.verdict')}
        rules={[{ required: true, message: t('forms.required') }]}
      >
        <Radio.Group
          options={[
            { value: 'approved', label: t('legalReview.approve') },
            { value: 'returned', label: t('legalReview.return') },
          ]}
        />
      </Form.Item>
      <TextField name="reasons" label={t('legalReview.reasons')} rows={3} />
    </ActionModal>
  );
}

function Resubmission({ resource, view }: { resource: Resource; view: Reviewed }) {
  const { t } = useTranslation();
  const resubmit = useCaseStep(
    resource,
    view.id,
    `/${resource}/{id}/legal-review-resubmission` as '/rectifications/{id}/legal-review-resubmission',
  );
  if (!awaits(view, 'legal_review_returned')) return null;
  return (
    <ActionModal label={t('legalReview.resubmit')} buttonType="primary" submit={resubmit.mutateAsync}>
      <TextField name="reasons" label={t('legalReview.revision')} rows={3} />
    </ActionModal>
  );
}

/** The legal reviewer's verdict or the officer's resubmission, whichever the case awaits from the caller. */
export function LegalReviewActions(props: { resource: Resource; view: Reviewed }) {
  return <ForRole roles={{ legal_reviewer: <Verdict {...props} />, officer: <Resubmission {...props} /> }} />;
}

/** The rounds of legal review, when the agency's policy sent the decision to review. */
export function LegalReviewRounds({ view }: { view: Reviewed }) {
  const { t } = useTranslation();
  if (!view.legalReviews?.length) return null;
  return (
    <section aria-label={t('legalReview.rounds')}>
      <Typography.Title level={2}>{t('legalReview.rounds')}</Typography.Title>
      <List
        size="small"
        dataSource={view.legalReviews}
        renderItem={(r) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>
                {t('legalReview.round', { round: r.round })} · {t(`legalReview.decisions.${r.decision}`)}{' '}
                <Tag color={r.verdict ? (r.verdict.decision === 'approved' ? 'success' : 'warning') : 'processing'}>
                  {r.verdict
                    ? t(r.verdict.decision === 'approved' ? 'legalReview.approve' : 'legalReview.return')
                    : t('legalReview.pending')}
                </Tag>
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('legalReview.sentBy')} {r.sentBy} · {formatInstant(r.sentAt)}
              </Typography.Text>
              {r.verdict && (
                <Typography.Text>
                  {r.verdict.by} · {formatInstant(r.verdict.at)} · {r.verdict.reasons}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </section>
  );
}
