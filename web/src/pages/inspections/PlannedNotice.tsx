// What the API checked when it accepted a plan: the enterprise's grade and where it came from,
// whether it is whitelisted, the routine cap over the window and how many were planned before; a
// triggered inspection is not capped, and a whitelisted enterprise's visit may join another agency's.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Inspection } from '../../api/types';
import { EnterpriseLabel } from '../../components/EnterpriseLabel';
import { formatDate } from '../../format/dates';
import { capValues } from './SupervisionRefusal';

function CapCheckLines({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const check = inspection.capCheck;
  if (!check) return <div>{t('inspections.capCheck.triggered')}</div>;
  return (
    <>
      <div>
        {t('inspections.capCheck.grade', {
          grade: check.grade,
          basis: t(`inspections.gradeFrom.${check.gradeFrom}`),
        })}
        {t(check.whitelisted ? 'inspections.capCheck.whitelisted' : 'inspections.capCheck.notWhitelisted')}
      </div>
      <div>
        {check.cap === null
          ? t('inspections.capCheck.noCap', { used: check.used })
          : t('inspections.capCheck.cap', capValues(check))}
      </div>
      {inspection.jointWith && <div>{t('inspections.capCheck.joint', { date: formatDate(inspection.plannedOn) })}</div>}
    </>
  );
}

export function PlannedNotice({ inspection, onClose }: { inspection: Inspection; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose, 'aria-label': t('actions.close') }}
      role="status"
      title={
        <>
          {t('inspections.plannedOn', { date: formatDate(inspection.plannedOn) })}{' '}
          <EnterpriseLabel id={inspection.enterpriseId} link={false} />
        </>
      }
      description={<CapCheckLines inspection={inspection} />}
    />
  );
}
