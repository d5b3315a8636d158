// Before a first-violation order is sent: the enterprise's earlier rectifications of the same
// matter that the caller can see, i.e. what the API's two-year look-back is likely to meet. The
// API decides (NOT_FIRST_VIOLATION, across every agency); this only says so in advance.
import { Alert, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEnterpriseProcesses } from '../../api/enterprises';
import { formatInstant } from '../../format/dates';

export function FirstViolationCheck({ enterpriseId, matterCode }: { enterpriseId?: string; matterCode?: string }) {
  const { t } = useTranslation();
  const valid = enterpriseId?.length === 18 ? enterpriseId : undefined;
  const processes = useEnterpriseProcesses(valid && matterCode ? valid : undefined);
  if (!valid || !matterCode || !processes.data) return null;
  const earlier = processes.data.processes.filter(
    (p) => p.processType === 'rectification' && p.matterCode === matterCode,
  );
  if (earlier.length === 0) return <Alert type="success" showIcon title={t('newCase.noEarlierViolation')} />;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('newCase.earlierViolations', { count: earlier.length })}
      description={
        <List
          size="small"
          dataSource={earlier}
          renderItem={(p) => (
            <List.Item>
              <Link to={`/rectifications/${p.id}`}>{formatInstant(p.openedAt)}</Link>
            </List.Item>
          )}
        />
      }
    />
  );
}
