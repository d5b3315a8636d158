// The full-page result itself (Ant Design's Result with its 403/404/500 illustrations). Loaded on
// demand by Results.tsx: the illustrations are large, and most visits never show one.
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export type ResultKind = 'notFound' | 'forbidden' | 'error';
const STATUS = { notFound: '404', forbidden: '403', error: '500' } as const;

export default function ResultPage({ kind, retry }: { kind: ResultKind; retry?: () => void }) {
  const { t } = useTranslation();
  const extra: ReactNode = retry ? (
    <Button onClick={retry}>{t('results.retry')}</Button>
  ) : (
    <Link to="/">
      <Button type="primary">{t('results.home')}</Button>
    </Link>
  );
  return (
    <Result
      status={STATUS[kind]}
      title={t(`results.${kind}.title`)}
      subTitle={t(`results.${kind}.text`)}
      extra={extra}
    />
  );
}
