// The evidence rounds, never overwritten: each with its files (name, size, SHA-256) and the
// review it got.
import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RectificationView } from '../../api/types';
import { formatInstant } from '../../format/dates';

const kilobytes = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

export function Submissions({ view }: { view: RectificationView }) {
  const { t } = useTranslation();
  if (view.submissions.length === 0) return null;
  return (
    <section aria-label={t('evidence.rounds')}>
      <Typography.Title level={2}>{t('evidence.rounds')}</Typography.Title>
      <Space orientation="vertical" className="full-width">
        {[...view.submissions].reverse().map((s) => {
          const review = view.reviews.find((r) => r.round === s.round);
          return (
            <Card
              key={s.round}
              size="small"
              title={t('evidence.round', { round: s.round, at: formatInstant(s.submittedAt) })}
              extra={
                review && (
                  <Tag color={review.decision === 'accepted' ? 'green' : 'red'}>{t(`review.${review.decision}`)}</Tag>
                )
              }
            >
              <Typography.Paragraph>{s.description}</Typography.Paragraph>
              <List
                size="small"
                dataSource={s.files}
                renderItem={(f) => (
                  <List.Item>
                    <Space orientation="vertical" size={0} className="full-width">
                      <Typography.Text>
                        {f.filename} · {kilobytes(f.size)}
                      </Typography.Text>
                      <Typography.Text copyable code className="sha256">
                        {f.sha256}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
              {review && <Typography.Paragraph className="history-reason">{review.reasons}</Typography.Paragraph>}
            </Card>
          );
        })}
      </Space>
    </section>
  );
}
