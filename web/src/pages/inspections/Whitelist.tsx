// 白名单: the agency's whitelisted enterprises (无事不扰: routine inspections at most once a year) with
// the history of ended entries; the officer lists an enterprise until a day, with a reason, or takes
// an active entry off earlier, with a reason.
import { Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useEnterprise } from '../../api/enterprises';
import { useAddToWhitelist, useRemoveFromWhitelist, useWhitelist } from '../../api/whitelist';
import type { WhitelistEntry } from '../../api/types';
import { ActionModal } from '../../components/ActionModal';
import { EnterpriseLabel } from '../../components/EnterpriseLabel';
import { calendarDateOf, DateField, TextField } from '../../components/fields';
import { Loaded } from '../../components/Results';
import { formatDate, formatInstant } from '../../format/dates';
import { EnterpriseField } from '../newCase/EnterpriseField';
import { ResponsiveList, type ListField } from './ResponsiveList';
import { SupervisionRefusal } from './SupervisionRefusal';

// Blue, not green: Ant Design's success tag, derived from the theme's darker green, falls short of AA contrast.
const COLOURS = { active: 'blue', expired: 'default', removed: 'default' } as const;

function AddToWhitelist({ agency }: { agency: string }) {
  const { t } = useTranslation();
  const add = useAddToWhitelist(agency);
  return (
    <ActionModal<{ enterpriseId: string; reason: string; validUntil: Dayjs }>
      label={t('inspections.whitelist.add')}
      buttonType="primary"
      refusal={SupervisionRefusal}
      submit={(v) =>
        add.mutateAsync({
          enterpriseId: v.enterpriseId.trim(),
          reason: v.reason,
          validUntil: calendarDateOf(v.validUntil),
        })
      }
    >
      <EnterpriseField />
      <TextField name="reason" label={t('inspections.whitelist.reason')} rows={3} />
      <DateField name="validUntil" label={t('inspections.whitelist.validUntil')} />
    </ActionModal>
  );
}

function RemoveFromWhitelist({ entry }: { entry: WhitelistEntry }) {
  const { t } = useTranslation();
  const remove = useRemoveFromWhitelist(entry.agency, entry.id);
  const enterprise = useEnterprise(entry.enterpriseId);
  return (
    <ActionModal<{ reason: string }>
      label={t('inspections.whitelist.remove')}
      title={t('inspections.whitelist.removeTitle', { enterprise: enterprise.data?.name ?? entry.enterpriseId })}
      danger
      refusal={SupervisionRefusal}
      submit={remove.mutateAsync}
    >
      <TextField name="reason" label={t('inspections.whitelist.removeReason')} rows={3} />
    </ActionModal>
  );
}

function Status({ entry }: { entry: WhitelistEntry }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={2}>
      <Tag color={COLOURS[entry.status]}>{t(`inspections.whitelist.statuses.${entry.status}`)}</Tag>
      {entry.endedAt && (
        <Typography.Text type="secondary">
          {t('inspections.whitelist.ended', { at: formatInstant(entry.endedAt), by: entry.endedBy ?? '—' })}
        </Typography.Text>
      )}
      {entry.endReason && <span>{entry.endReason}</span>}
    </Space>
  );
}

function useFields(): ListField<WhitelistEntry>[] {
  const { t } = useTranslation();
  return [
    { key: 'enterprise', title: t('case.enterprise'), render: (e) => <EnterpriseLabel id={e.enterpriseId} /> },
    { key: 'reason', title: t('inspections.whitelist.reason'), render: (e) => e.reason },
    {
      key: 'valid',
      title: t('inspections.whitelist.valid'),
      render: (e) =>
        t('inspections.whitelist.validRange', { from: formatDate(e.validFrom), to: formatDate(e.validUntil) }),
    },
    { key: 'status', title: t('case.status'), render: (e) => <Status entry={e} /> },
    {
      key: 'actions',
      title: t('case.actions'),
      render: (e) => (e.status === 'active' ? <RemoveFromWhitelist entry={e} /> : t('common.none')),
    },
  ];
}

export function Whitelist({ agency }: { agency: string | undefined }) {
  const { t } = useTranslation();
  const query = useWhitelist(agency);
  const fields = useFields();
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      {agency && <AddToWhitelist agency={agency} />}
      <Loaded query={query}>
        {(entries) => (
          <ResponsiveList
            items={entries}
            fields={fields}
            label={t('inspections.tabs.whitelist')}
            empty={t('inspections.whitelist.none')}
            minWidth={840}
          />
        )}
      </Loaded>
    </Space>
  );
}
