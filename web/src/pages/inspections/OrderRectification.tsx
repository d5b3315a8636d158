// After violations found: 责令整改 opens the new order with the enterprise filled in; once ordered,
// the officer names that rectification on the inspection, which closes the to-do task.
import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEnterpriseProcesses } from '../../api/enterprises';
import { useNameRectification } from '../../api/inspections';
import type { Inspection } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { Field } from '../../components/fields';
import { formatInstant } from '../../format/dates';
import { SupervisionRefusal } from './SupervisionRefusal';

/** The enterprise's rectifications by the inspecting agency, newest first. */
function RectificationField({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const processes = useEnterpriseProcesses(inspection.enterpriseId);
  const options = (processes.data?.processes ?? [])
    .filter((p) => p.processType === 'rectification' && p.agency === inspection.agency)
    .map((p) => ({
      value: p.id,
      label: `${p.matterCode ?? ''} ${formatInstant(p.openedAt)} · ${t(`status.rectification.${p.status}`)}`,
    }));
  return (
    <Field name="rectificationId" label={t('inspections.rectification')}>
      <Select loading={processes.isPending} options={options} notFoundContent={t('inspections.noRectification')} />
    </Field>
  );
}

export function OrderRectification({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const name = useNameRectification(inspection.id);
  return (
    <Space wrap>
      <Link to={`/rectifications/new?enterpriseId=${inspection.enterpriseId}`}>
        {t('inspections.orderRectification')}
      </Link>
      <ActionModal<{ rectificationId: string }>
        label={t('inspections.nameRectification')}
        refusal={SupervisionRefusal}
        submit={name.mutateAsync}
      >
        <RectificationField inspection={inspection} />
      </ActionModal>
    </Space>
  );
}
