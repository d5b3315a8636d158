// The enterprise a new case is for, by its unified social credit code; once a full code is typed,
// the registered name shows beside it (or that the API does not know it).
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnterprise } from '../../api/enterprises';

const USCC_LENGTH = 18;

export function EnterpriseField({ name = 'enterpriseId' }: { name?: string }) {
  const { t } = useTranslation();
  const id: string | undefined = Form.useWatch(name);
  const complete = id?.trim().length === USCC_LENGTH ? id.trim() : undefined;
  const profile = useEnterprise(complete);
  return (
    <Form.Item
      name={name}
      label={t('case.enterprise')}
      rules={[{ required: true, len: USCC_LENGTH, message: t('forms.uscc') }]}
      extra={
        complete &&
        (profile.data ? (
          <Typography.Text type="success">{profile.data.name}</Typography.Text>
        ) : profile.isError ? (
          <Typography.Text type="warning">{t('forms.unknownEnterprise')}</Typography.Text>
        ) : null)
      }
    >
      <Input placeholder="91350100M000100Y43" autoComplete="off" />
    </Form.Item>
  );
}
