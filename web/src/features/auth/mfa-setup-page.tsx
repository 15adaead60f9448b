import { useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/hooks';
import { Navigate, useNavigate } from 'react-router';
import { api } from '../../app/api';
import { PageSpinner } from '../../app/page-spinner';
import { paths } from '../../app/paths';
import { setMe, useMe } from '../../app/session';
import { Heading } from '../../app/text';
import { MfaSetupPanel } from './mfa-setup-panel';

/** /xac-thuc-hai-lop — TOTP enrolment; system administrators are sent here until they finish it. */
export default function MfaSetupPage() {
  const { t } = useTranslation();
  const { data: me, isLoading } = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntdApp.useApp();
  useDocumentTitle(t('mfa.title'));

  if (isLoading) return <PageSpinner />;
  if (!me) return <Navigate to={`${paths.signIn}?next=${encodeURIComponent(paths.mfaSetup)}`} replace />;

  const signOut = async () => {
    await api.post('/api/auth/sign-out', undefined, { quiet: true }).catch(() => undefined);
    setMe(qc, null);
    void navigate(paths.signIn, { replace: true });
  };

  return (
    <>
      <Heading level={2} style={{ marginBottom: 16 }}>
        {t('mfa.title')}
      </Heading>
      {me.mfaEnabled ? (
        <Result
          status="success"
          title={t('mfa.alreadyOn')}
          extra={
            <Button type="primary" onClick={() => void navigate(paths.home)}>
              {t('nav.home')}
            </Button>
          }
        />
      ) : (
        <>
          {me.mfaSetupRequired && <Alert type="warning" showIcon title={t('mfa.required')} style={{ marginBottom: 16 }} />}
          <MfaSetupPanel
            onEnabled={() => {
              void message.success(t('mfa.enabled'));
              void navigate(paths.home, { replace: true });
            }}
          />
        </>
      )}
      <div style={{ marginTop: 12, textAlign: 'center' }}>
        <Button type="link" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </Button>
      </div>
    </>
  );
}
