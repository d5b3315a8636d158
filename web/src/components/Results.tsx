// Full-page results: not found (also a case that is not the caller's: the API answers 404 for
// both, and so does the console), forbidden, failed; and the wrapper that shows
// the right one for a query that is loading or failed.
import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isForbidden, isNotFound } from '../api/failure';
import type { ResultKind } from './ResultPage';

const LazyResultPage = lazy(() => import('./ResultPage'));

function ResultPage(props: { kind: ResultKind; retry?: () => void }) {
  return (
    <Suspense fallback={<Loading />}>
      <LazyResultPage {...props} />
    </Suspense>
  );
}

export const NotFoundResult = () => <ResultPage kind="notFound" />;
export const ForbiddenResult = () => <ResultPage kind="forbidden" />;
export const ErrorResult = ({ retry }: { retry?: () => void }) => <ResultPage kind="error" retry={retry} />;

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
