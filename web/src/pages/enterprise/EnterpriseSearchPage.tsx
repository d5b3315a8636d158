// 企业查询: staff open an enterprise's page by its unified social credit code (there is no
// enterprise list in the API: a code is how a case file names an enterprise).
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export default function EnterpriseSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page">
      <Typography.Title level={1}>{t('nav.enterprises')}</Typography.Title>
      <Card>
        <Form layout="vertical" onFinish={(v: { id: string }) => navigate(`/enterprises/${v.id.trim().toUpperCase()}`)}>
          <Form.Item
            name="id"
            label={t('signIn.enterprise')}
            rules={[{ required: true, len: 18, message: t('forms.uscc') }]}
          >
            <Input placeholder="91350100M000100Y43" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('enterprise.open')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
