// The documents (文书) a case issued, on its page: each with its number, issue date, verification
// code and SHA-256 (both copyable), whether it has been served (送达) and how, and what the caller
// may do with it (download; a business acknowledges, an officer records another way of service).
// One card per document, so that a phone shows them one under another, as a desktop does in rows.
import { Alert, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseDocuments, type CaseDocument } from '../api/documents';
import { formatDate } from '../format/dates';
import type { CaseResource } from '../vocabulary';
import { DocumentActions } from './DocumentActions';
import { DueText } from './DueText';

/** Shown before the full hash; the whole is copied. */
const SHORT_HASH = 12;

function ServiceStatus({ document: doc }: { document: CaseDocument }) {
  const { t } = useTranslation();
  if (doc.servedBy && doc.servedOn)
    return (
      <Space size={4} wrap>
        <Tag color="success">{t(doc.servedBy === 'electronic' ? 'documents.acknowledged' : 'documents.served')}</Tag>
        <span>
          {t('documents.servedHow', { method: t(`documents.methods.${doc.servedBy}`), date: formatDate(doc.servedOn) })}
        </span>
      </Space>
    );
  // The party's own commitment letter is not served on it: it has no due date.
  return doc.serviceDueOn ? (
    <Tag color="processing">{t('documents.pending')}</Tag>
  ) : (
    <Tag>{t('documents.notServed')}</Tag>
  );
}

function DocumentCard({
  resource,
  caseId,
  document: doc,
}: {
  resource: CaseResource;
  caseId: string;
  document: CaseDocument;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const pending = !doc.servedAt && !!doc.serviceDueOn;
  return (
    <Card
      size="small"
      className="list-card"
      role="article"
      aria-labelledby={titleId}
      title={
        <h3 id={titleId} className="card-heading">
          {doc.title}
        </h3>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'number', label: t('documents.number'), children: doc.number },
          { key: 'issuedOn', label: t('documents.issuedOn'), children: formatDate(doc.issuedOn) },
          {
            key: 'code',
            label: t('documents.verificationCode'),
            children: (
              <Typography.Text copyable code>
                {doc.verificationCode}
              </Typography.Text>
            ),
          },
          {
            key: 'sha256',
            label: t('documents.sha256'),
            children: (
              <Typography.Text copyable={{ text: doc.sha256 }} code title={doc.sha256}>
                {`${doc.sha256.slice(0, SHORT_HASH)}…`}
              </Typography.Text>
            ),
          },
          { key: 'service', label: t('documents.service'), children: <ServiceStatus document={doc} /> },
          ...(pending
            ? [{ key: 'due', label: t('documents.serviceDue'), children: <DueText date={doc.serviceDueOn!} /> }]
            : []),
        ]}
      />
      <DocumentActions resource={resource} caseId={caseId} document={doc} pending={pending} />
    </Card>
  );
}

export function CaseDocuments({ resource, id }: { resource: CaseResource; id: string }) {
  const { t } = useTranslation();
  const documents = useCaseDocuments(resource, id);
  return (
    <section aria-label={t('documents.title')}>
      <Typography.Title level={2}>{t('documents.title')}</Typography.Title>
      {documents.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('documents.loadFailed')}
          action={<Button onClick={() => void documents.refetch()}>{t('documents.retry')}</Button>}
        />
      ) : (
        <List
          grid={{ gutter: 16, xs: 1, sm: 1, md: 2, xxl: 3 }}
          loading={documents.isPending}
          dataSource={documents.data ?? []}
          rowKey="id"
          // The list's own empty text is too pale to read (and dimmed while loading): secondary text, once loaded.
          locale={{
            emptyText: documents.isPending ? (
              <span />
            ) : (
              <Typography.Text type="secondary">{t('documents.none')}</Typography.Text>
            ),
          }}
          renderItem={(doc) => (
            <List.Item>
              <DocumentCard resource={resource} caseId={id} document={doc} />
            </List.Item>
          )}
        />
      )}
    </section>
  );
}
