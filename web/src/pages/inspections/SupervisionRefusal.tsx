// The API's refusals on this screen, in words: the routine cap with its numbers (the grade, the
// window, how many are allowed and already planned), a whitelist entry already active, an end date
// past or a result dated ahead (with today). Codes the console explains alike everywhere fall back
// to the shared explanation.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../../api/failure';
import type { CapCheck } from '../../api/types';
import { RefusalAlert } from '../../components/RefusalAlert';
import { formatDate } from '../../format/dates';

const OWN = new Set(['INSPECTION_CAP', 'ALREADY_ACTIVE', 'DATE_IN_PAST', 'DATE_IN_FUTURE', 'UNKNOWN_RECTIFICATION']);

/** The cap check a 422 INSPECTION_CAP carries, as its numbers for a message. */
export const capValues = (check: CapCheck) => ({
  grade: check.grade,
  cap: check.cap,
  used: check.used,
  from: formatDate(check.window.from),
  to: formatDate(check.window.to),
});

export function SupervisionRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiFailure) || !OWN.has(error.code)) return <RefusalAlert error={error} />;
  const detail = (error.details[0] ?? {}) as Record<string, unknown>;
  if (error.code === 'INSPECTION_CAP') {
    const check = detail as unknown as CapCheck;
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        title={t(`inspections.refusals.${check.whitelisted ? 'capWhitelisted' : 'cap'}`, capValues(check))}
        description={t('inspections.refusals.capHint')}
      />
    );
  }
  const today = formatDate(typeof detail.today === 'string' ? detail.today : undefined);
  return <Alert type="warning" showIcon role="alert" title={t(`inspections.refusals.${error.code}`, { today })} />;
}
