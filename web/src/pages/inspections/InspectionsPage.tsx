// 检查: an officer's inspections under credit-graded supervision (信用分级分类监管) and the agency's
// whitelist, one tab each (the tab in the URL, so either can be linked to).
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import { InspectionPlan } from './InspectionPlan';
import { Whitelist } from './Whitelist';

const TABS = ['plan', 'whitelist'] as const;

export default function InspectionsPage() {
  const { t } = useTranslation();
  const agency = useSession()?.agency;
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((name) => name === params.get('tab')) ?? 'plan';
  return (
    <div className="page">
      <Typography.Title level={1}>{t('inspections.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            (current) => {
              const next = new URLSearchParams(current);
              if (key === 'plan') next.delete('tab');
              else next.set('tab', key);
              return next;
            },
            { replace: true },
          )
        }
        items={[
          { key: 'plan', label: t('inspections.tabs.plan'), children: <InspectionPlan agency={agency} /> },
          { key: 'whitelist', label: t('inspections.tabs.whitelist'), children: <Whitelist agency={agency} /> },
        ]}
      />
    </div>
  );
}
