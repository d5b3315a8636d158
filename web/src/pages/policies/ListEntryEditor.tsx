// An admin's change to one matter's entry in the agency's lists: which lists it is on and,
// optionally, the agency's own fine range, from a date (today or later) with a reason. Whether the
// matter is excluded stays as the catalog says.
import { Checkbox, Form, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useChangeListEntry } from '../../api/policies';
import { LIST_NAMES, type ListName } from '../../api/publicLists';
import { ActionModal } from '../../components/ActionModal';
import { calendarDateOf, DateField, TextField } from '../../components/fields';
import type { ListedMatter } from '../publicLists/ListsTable';

interface Values {
  lists: ListName[];
  minFine?: number | null;
  maxFine?: number | null;
  effectiveFrom: Dayjs;
  reason: string;
}

export function ListEntryEditor({ agency, matter }: { agency: string; matter: ListedMatter }) {
  const { t } = useTranslation();
  const change = useChangeListEntry(agency);
  return (
    <ActionModal<Values>
      label={t('policies.changeEntry')}
      title={`${matter.code} ${matter.title}`}
      buttonType="link"
      initialValues={{ lists: matter.lists, minFine: matter.benchmark.minFine, maxFine: matter.benchmark.maxFine }}
      submit={({ lists, minFine, maxFine, effectiveFrom, reason }) =>
        change.mutateAsync({
          code: matter.code,
          body: {
            lists,
            ...(typeof minFine === 'number' && typeof maxFine === 'number' ? { benchmark: { minFine, maxFine } } : {}),
            effectiveFrom: calendarDateOf(effectiveFrom),
            reason: reason.trim(),
          },
        })
      }
    >
      <Form.Item name="lists" label={t('matters.lists')}>
        <Checkbox.Group options={LIST_NAMES.map((l) => ({ value: l, label: t(`lists.${l}`) }))} />
      </Form.Item>
      <Form.Item name="minFine" label={t('policies.minFine')}>
        <InputNumber min={0} precision={0} className="full-width" />
      </Form.Item>
      <Form.Item name="maxFine" label={t('policies.maxFine')}>
        <InputNumber min={0} precision={0} className="full-width" />
      </Form.Item>
      <DateField name="effectiveFrom" label={t('policies.effectiveFrom')} />
      <TextField name="reason" label={t('policies.reason')} rows={3} />
    </ActionModal>
  );
}
