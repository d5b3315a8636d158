// The facts at the top of every case page: status, enterprise, matter, agency, policy version,
// and whatever the process adds (deadline, disposition, publication dates, …).
import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatter } from '../api/catalog';
import type { Subject } from '../vocabulary';
import { EnterpriseLabel } from './EnterpriseLabel';
import { StatusTag } from './StatusTag';

export interface CaseFacts {
  enterpriseId: string;
  agency?: string | null;
  matterCode?: string | null;
  status: string;
  policyVersion: string;
}

export function CaseHeader(props: {
  processType: Subject;
  view: CaseFacts;
  extra?: Array<{ key: string; label: string; children: ReactNode }>;
}) {
  const { t } = useTranslation();
  const { view } = props;
  const matter = useMatter(view.matterCode);
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        {
          key: 'status',
          label: t('case.status'),
          children: <StatusTag processType={props.processType} status={view.status} />,
        },
        { key: 'enterprise', label: t('case.enterprise'), children: <EnterpriseLabel id={view.enterpriseId} /> },
        ...(view.matterCode
          ? [
              {
                key: 'matter',
                label: t('case.matter'),
                children: (
                  <>
                    {matter?.title ?? ''} <Typography.Text type="secondary">{view.matterCode}</Typography.Text>
                  </>
                ),
              },
            ]
          : []),
        { key: 'agency', label: t('case.agency'), children: view.agency ?? '—' },
        { key: 'policy', label: t('case.policyVersion'), children: view.policyVersion },
        ...(props.extra ?? []),
      ]}
    />
  );
}

/** A page's title, facts, the actions the caller may take now, and the rest below. */
export function CasePageLayout(props: { title: string; header: ReactNode; actions: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page case-page">
      <Typography.Title level={1}>{props.title}</Typography.Title>
      {props.header}
      <section aria-label={t('case.actions')} className="case-actions">
        {props.actions}
      </section>
      {props.children}
    </div>
  );
}
