// The API's refusal of a step, in words the user understands: each known code has its sentence in
// the message files (refusals.CODE), with the details the API gave (an eligibility date, the
// missing materials, the earlier case). Unknown codes fall back to the API's own message. A screen
// may explain a code in its own terms (`explain`): a 409 on a document is "already served".
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api/failure';
import { formatDate } from '../format/dates';

type Detail = Record<string, unknown>;

function detailsOf(failure: ApiFailure) {
  const details = failure.details.filter((d): d is Detail => typeof d === 'object' && d !== null);
  const field = (name: string) => details.map((d) => d[name]).find((v) => v !== undefined);
  return { details, field };
}

/** Sentences for codes that mean something particular where the alert is shown, by code. */
export type Explanations = Partial<Record<string, string>>;

export function RefusalAlert({ error, explain }: { error: unknown; explain?: Explanations }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const failure = error instanceof ApiFailure ? error : new ApiFailure(0, 'NETWORK', String(error));
  const { details, field } = detailsOf(failure);
  const missing = details.map((d) => d.missing ?? d.material).filter((m): m is string => typeof m === 'string');
  const values = {
    date: formatDate(String(field('repairEligibleFrom') ?? field('barredUntil') ?? '')),
    prior: formatDate(String(field('priorViolationOn') ?? '')),
    list: missing.map((m) => t(`materials.${m}`, { defaultValue: m })).join(i18n.language === 'en' ? ', ' : '、'),
  };
  const explained = explain?.[failure.code];
  const known = explained !== undefined || i18n.exists(`refusals.${failure.code}`);
  const fields = failure.code === 'VALIDATION_FAILED' ? details.map((d) => d.path).filter(Boolean) : [];
  return (
    <Alert
      type={failure.status >= 500 || failure.status === 0 ? 'error' : 'warning'}
      showIcon
      role="alert"
      title={
        explained ?? (known ? t(`refusals.${failure.code}`, values) : t('refusals.unknown', { code: failure.code }))
      }
      description={
        <>
          {fields.length > 0 && <div>{t('refusals.fields', { fields: fields.join(', ') })}</div>}
          {!known && failure.message && <div lang="en">{failure.message}</div>}
        </>
      }
    />
  );
}
