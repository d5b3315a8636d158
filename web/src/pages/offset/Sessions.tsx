// The service sessions a business logged, each with its confirmation; an officer confirms (or not)
// the pending ones from their row. Only confirmed hours offset the fine.
import { Form, Radio, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseStep } from '../../api/cases';
import type { OffsetView } from '../../api/types';
import { useSession } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { ScrollRegion } from '../../components/ScrollRegion';
import { TextField } from '../../components/fields';
import { formatDate } from '../../format/dates';

type Session = OffsetView['sessions'][number];
const COLOURS = { pending: 'processing', confirmed: 'success', rejected: 'error' } as const;

function Confirmation({ view, session }: { view: OffsetView; session: Session }) {
  const { t } = useTranslation();
  const confirm = useCaseStep('offsets', view.id, '/offsets/{id}/sessions/{sid}/confirmation', { sid: session.id });
  return (
    <ActionModal
      label={t('offset.confirm')}
      title={t('offset.confirmTitle', { date: formatDate(session.date), organisation: session.organisation })}
      buttonType="primary"
      submit={confirm.mutateAsync}
    >
      <Form.Item
        name="confirmed"
        label={t('offset.confirmed')}
        rules={[{ required: true, message: t('forms.required') }]}
      >
        <Radio.Group
          options={[
            { value: true, label: t('offset.confirmYes') },
            { value: false, label: t('offset.confirmNo') },
          ]}
        />
      </Form.Item>
      <TextField name="note" label={t('offset.confirmation')} rows={3} />
    </ActionModal>
  );
}

export function Sessions({ view }: { view: OffsetView }) {
  const { t } = useTranslation();
  const confirms = useSession()?.role === 'officer';
  return (
    <section aria-label={t('offset.sessions')}>
      <Typography.Title level={2}>{t('offset.sessions')}</Typography.Title>
      <ScrollRegion label={t('offset.sessions')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          style={{ minWidth: 720 }}
          dataSource={view.sessions}
          locale={{ emptyText: t('common.none') }}
          columns={[
            { title: t('offset.date'), dataIndex: 'date', render: (d: string) => formatDate(d) },
            { title: t('offset.organisation'), dataIndex: 'organisation' },
            { title: t('offset.sessionHours'), dataIndex: 'hours' },
            { title: t('offset.description'), dataIndex: 'description' },
            {
              title: t('offset.sessionStatus'),
              key: 'status',
              render: (_: unknown, s: Session) =>
                s.status === 'pending' && confirms && view.status === 'in_service' ? (
                  <Confirmation view={view} session={s} />
                ) : (
                  <>
                    <Tag color={COLOURS[s.status]}>{t(`offset.sessionStatuses.${s.status}`)}</Tag>
                    {s.confirmation?.note}
                  </>
                ),
            },
          ]}
        />
      </ScrollRegion>
    </section>
  );
}
