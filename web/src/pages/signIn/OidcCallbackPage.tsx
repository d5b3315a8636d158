// `/auth/callback`: where the identity provider sends the browser back after sign-in. Exchanges the
// code (PKCE), asks the API who the token names, and goes on to where the user was going; a
// failure (a cancelled sign-in, a replayed link, a user the API does not accept) says so, with the
// way back to the sign-in page.
import { Button, Result } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Loading } from '../../components/Results';
import { safeNext } from './safeNext';

export default function OidcCallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const started = useRef(false); // the code is good for one exchange: not again on a re-render
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void import('../../auth/oidcClient')
      .then((client) => client.completeSignIn())
      .then(({ session, returnTo }) => {
        if (!session) throw new Error('The API did not accept the token');
        navigate(safeNext(returnTo), { replace: true });
      })
      .catch(() => setFailed(true));
  }, [navigate]);
  if (!failed) return <Loading />;
  return (
    <main>
      <Result
        status="warning"
        title={t('signIn.callbackFailed')}
        extra={
          <Link to="/sign-in">
            <Button type="primary">{t('signIn.again')}</Button>
          </Link>
        }
      />
    </main>
  );
}
