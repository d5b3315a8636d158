// Full-page results: not found (also a case that is not the caller's: the API answers 404 for
// both, and so does the console), forbidden, failed, not yet available; and the wrapper that shows
// the right one for a query that is loading or failed.
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isForbidden, isNotFound } from '../api/failure';

const home = (label: string) => (
  <Link to="/">
    <Button type="primary">{label}</Button>
  </Link>
);

type ResultKind = 'notFound' | 'forbidden' | 'error' | 'planned';
const STATUS = { notFound: '404', forbidden: '403', error: '500', planned: 'info' } as const;

function ResultPage({ kind, extra }: { kind: ResultKind; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Result
      status={STATUS[kind]}
      title={t(`results.${kind}.title`)}
      subTitle={t(`results.${kind}.text`)}
      extra={extra ?? home(t('results.home'))}
    />
  );
}

export const NotFoundResult = () => <ResultPage kind="notFound" />;
export const ForbiddenResult = () => <ResultPage kind="forbidden" />;
export const PlannedResult = () => <ResultPage kind="planned" />;

export function ErrorResult({ retry }: { retry?: () => void }) {
  const { t } = useTranslation();
  return <ResultPage kind="error" extra={retry && <Button onClick={retry}>{t('results.retry')}</Button>} />;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status" aria-live="polite">
      <Spin />
      <span className="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

/** Renders `children(data)` once a query has data; loading, not-found, forbidden and failure otherwise. */
export function Loaded<T>(props: {
  query: { data?: T; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  const { data, error, isPending, refetch } = props.query;
  if (data !== undefined) return <>{props.children(data)}</>;
  if (isPending) return <Loading />;
  if (isNotFound(error)) return <NotFoundResult />;
  if (isForbidden(error)) return <ForbiddenResult />;
  return <ErrorResult retry={() => void refetch()} />;
}
