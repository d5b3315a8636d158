// Entry point: the message files first (they set <html lang>), then the providers and the routes.
// In the hidden frame of an identity provider's silent renewal, only that renewal's answer is read.
import { i18nReady } from './i18n';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { Providers } from './Providers';
import { AppRoutes } from './AppRoutes';
import { nameSelectListboxes } from './a11y';
import { resumeProviderSession } from './auth/oidc';

if (window.location.pathname === '/auth/silent') {
  void import('./auth/oidcClient').then((client) => client.completeSilentRenewal());
} else {
  nameSelectListboxes();
  resumeProviderSession();
  void i18nReady.then(() =>
    createRoot(document.getElementById('root')!).render(
      <Providers>
        <AppRoutes />
      </Providers>,
    ),
  );
}
