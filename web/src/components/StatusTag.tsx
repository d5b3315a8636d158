// A case's status as a coloured tag, in the words users expect (待提交整改材料, 观察中, …).
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Subject } from '../vocabulary';

const COLOURS: Record<string, string> = {
  closed: 'success',
  passed: 'success',
  repaired: 'success',
  expired: 'default',
  overdue: 'error',
  escalated: 'error',
  revoked: 'error',
  declined: 'default',
  terminated: 'default',
  under_review: 'processing',
  application_pending: 'processing',
  awaiting_conclusion: 'warning',
  published: 'warning',
  repair_eligible: 'cyan',
};

export function StatusTag({ processType, status }: { processType: Subject; status: string }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status] ?? 'blue'}>{t(`status.${processType}.${status}`, { defaultValue: status })}</Tag>;
}
