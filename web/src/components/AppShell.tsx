// The frame of every signed-in screen: the side menu for the user's role (a drawer-like collapsed
// menu on a phone), and a header with the user, their agency or enterprise, the language switch,
// the notifications bell and sign-out. A skip link leads keyboard users past the menu.
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { signOutEverywhere } from '../auth/oidc';
import { useSession } from '../auth/session';
import { menuFor } from '../navigation';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

export function AppShell() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [menuOpen, setMenuOpen] = useState(false);
  if (!session) return <Outlet />;

  const items = menuFor(session.role).map((item) => ({
    key: item.path,
    label: <Link to={item.path}>{t(`nav.${item.label}`)}</Link>,
  }));
  const selected = items.filter((i) => i.key === location.pathname).map((i) => i.key);
  const who = session.agency ?? session.enterpriseId;
  const userMenu = {
    items: [
      { key: 'who', disabled: true, label: `${t(`roles.${session.role}`)}${who ? ` · ${who}` : ''}` },
      { key: 'sign-out', icon: <LogoutOutlined />, label: t('shell.signOut') },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key !== 'sign-out') return;
      // A provider's session ends at the provider too, which then returns to /sign-in.
      void signOutEverywhere().then((where) => where === 'here' && navigate('/sign-in'));
    },
  };

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      onClick={() => setMenuOpen(false)}
      aria-label={t('shell.menu')}
    />
  );

  return (
    <Layout className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <Layout.Header className="shell-header">
        <Space size="small">
          {narrow && (
            <Button
              type="text"
              icon={<MenuOutlined aria-hidden />}
              aria-label={t('shell.menu')}
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen(!menuOpen)}
            />
          )}
          <Link to="/" className="brand">
            {t('shell.brand')}
          </Link>
        </Space>
        <Space size="small" className="shell-tools">
          <NotificationBell />
          <LanguageSwitch />
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button
              type="text"
              icon={<UserOutlined aria-hidden />}
              aria-label={narrow ? t('shell.account') : undefined}
            >
              {!narrow && <Typography.Text>{session.sub}</Typography.Text>}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout>
        {(!narrow || menuOpen) && (
          <Layout.Sider
            width={narrow ? '100%' : 208}
            theme="light"
            className={narrow ? 'shell-sider-narrow' : 'shell-sider'}
          >
            <nav>{menu}</nav>
          </Layout.Sider>
        )}
        <Layout.Content id="main" tabIndex={-1} className="shell-content">
          {/* A screen that fails shows the error page inside the shell; moving elsewhere recovers. */}
          <ErrorBoundary key={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
