// Entry point: the message files first (they set <html lang>), then the providers and the routes.
import { i18nReady } from './i18n';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { Providers } from './Providers';
import { AppRoutes } from './AppRoutes';
import { nameSelectListboxes } from './a11y';

nameSelectListboxes();

void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <Providers>
      <AppRoutes />
    </Providers>,
  ),
);
