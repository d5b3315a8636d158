// A stored evidence file shown where the reviewer decides: images inline, PDFs embedded, other
// types as a download; its SHA-256 as stored, to compare with the business's copy.
import { Button, Image, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceBlob } from '../../api/evidence';
import type { EvidenceFile } from '../../api/types';

export function FilePreview({ rectificationId, file }: { rectificationId: string; file: EvidenceFile }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let objectUrl: string | undefined;
    evidenceBlob(rectificationId, file.evidenceId).then(
      (blob) => setUrl((objectUrl = URL.createObjectURL(blob))),
      () => setFailed(true),
    );
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [rectificationId, file.evidenceId]);

  return (
    <Space orientation="vertical" className="full-width file-preview">
      <Typography.Text strong>{file.filename}</Typography.Text>
      <Typography.Text>
        {t('evidence.sha256')}:{' '}
        <Typography.Text copyable code className="sha256">
          {file.sha256}
        </Typography.Text>
      </Typography.Text>
      {failed && <Typography.Text type="danger">{t('evidence.previewFailed')}</Typography.Text>}
      {url && file.contentType.startsWith('image/') && (
        <Image src={url} alt={file.filename} className="preview-image" />
      )}
      {url && file.contentType === 'application/pdf' && (
        <iframe src={url} title={file.filename} className="preview-pdf" />
      )}
      {url && (
        <Button href={url} download={file.filename}>
          {t('evidence.download')}
        </Button>
      )}
    </Space>
  );
}
