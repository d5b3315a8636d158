// Sign-in, as `GET /auth/config` says: with an identity provider configured (auth/oidc.ts), "sign
// in with the organisation"; with development tokens, the development sign-in: pick a role and say
// who you are, and the service's development key signs a token (POST /dev/tokens). A session that
// ended because its token expired is said so, above both.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useDevToken } from '../../api/oversight';
import type { BodyOf } from '../../api/types';
import { authConfig, oidcProvider, type OidcProvider } from '../../auth/oidc';
import { SIGN_IN_ROLES, sessionExpired, signIn, type Role } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { RefusalAlert } from '../../components/RefusalAlert';
import { safeNext } from './safeNext';

interface DevSignIn {
  role: Role;
  sub: string;
  enterpriseId?: string;
  agency?: string;
}

export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const devToken = useDevToken();
  const [provider, setProvider] = useState<OidcProvider>();
  const [form] = Form.useForm<DevSignIn>();
  const role = Form.useWatch('role', form);

  const config = useQuery({ queryKey: ['auth-config'], queryFn: authConfig, staleTime: Infinity });
  useEffect(() => void (config.data && oidcProvider(config.data).then(setProvider)), [config.data]);

  async function submit(values: DevSignIn) {
    const { token } = await devToken.mutateAsync({
      // The options are the roles the API's tokens know (SIGN_IN_ROLES).
      role: values.role as BodyOf<'/dev/tokens'>['role'],
      sub: values.sub.trim(),
      ...(values.role === 'business' ? { enterpriseId: values.enterpriseId?.trim() } : {}),
      ...(values.agency?.trim() && values.role !== 'business' ? { agency: values.agency.trim() } : {}),
    });
    if (signIn(token)) navigate(next, { replace: true });
  }

  const devSignIn = config.data?.developmentTokens;
  return (
    <main className="sign-in">
      <Card className="sign-in-card">
        <Space orientation="vertical" size="middle" className="full-width">
          <div className="sign-in-head">
            <Typography.Title level={1} className="sign-in-title">
              {t('signIn.title')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
          {sessionExpired() && <Alert type="warning" showIcon title={t('signIn.expired')} />}
          {config.error ? <RefusalAlert error={config.error} /> : null}
          {provider && (
            <Button type="primary" block onClick={() => void provider.start(next)}>
              {t('signIn.withOrganisation', { name: provider.name })}
            </Button>
          )}
          {config.data?.mode === 'development' && !devSignIn && (
            <Alert type="info" showIcon title={t('signIn.devOff')} />
          )}
          {devSignIn && (
            <>
              <Typography.Title level={2} className="sign-in-subtitle">
                {t('signIn.development')}
              </Typography.Title>
              {devToken.error ? <RefusalAlert error={devToken.error} /> : null}
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) => void submit(v).catch(() => undefined)}
                initialValues={{ role: 'officer' }}
              >
                <Form.Item name="role" label={t('signIn.role')} rules={[{ required: true }]}>
                  <Select options={SIGN_IN_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
                </Form.Item>
                <Form.Item
                  name="sub"
                  label={t('signIn.user')}
                  rules={[{ required: true, whitespace: true, message: t('forms.required') }]}
                >
                  <Input autoComplete="username" />
                </Form.Item>
                {role === 'business' ? (
                  <Form.Item
                    name="enterpriseId"
                    label={t('signIn.enterprise')}
                    rules={[{ required: true, message: t('forms.required') }]}
                  >
                    <Input placeholder="91350100M000100Y43" />
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="agency"
                    label={t('signIn.agency')}
                    rules={[
                      { required: role === 'officer' || role === 'legal_reviewer', message: t('forms.required') },
                    ]}
                  >
                    <Input placeholder="SAMR-HZ" />
                  </Form.Item>
                )}
                <Button type="primary" htmlType="submit" block loading={devToken.isPending}>
                  {t('signIn.submit')}
                </Button>
              </Form>
            </>
          )}
        </Space>
      </Card>
    </main>
  );
}
