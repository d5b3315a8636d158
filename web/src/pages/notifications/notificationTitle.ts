// A notification's title in the console's language. The service titles a few kinds in Chinese and
// leaves the others as their code (activities/delivery.ts), so the console names each kind it knows,
// words a step's reminder or lateness (`evidence_reminder`, `review_overdue`) from the step's
// name, and shows the service's own title otherwise.
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../api/notifications';

const STEP_NOTICE = /^(.+)_(reminder|overdue|due)$/;

export function useNotificationTitle(): (n: Pick<Notification, 'kind' | 'title'>) => string {
  const { t, i18n } = useTranslation();
  return ({ kind, title }) => {
    if (i18n.exists(`inbox.kinds.${kind}`)) return t(`inbox.kinds.${kind}`);
    const [, step, when] = STEP_NOTICE.exec(kind) ?? [];
    if (step && when && i18n.exists(`steps.${step}`))
      return t(`inbox.stepNotice.${when}`, { step: t(`steps.${step}`) });
    return title === kind ? t('inbox.untitled') : title;
  };
}
