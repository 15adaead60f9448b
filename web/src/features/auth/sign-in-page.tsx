import { LockOutlined, LoginOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle, useFocusAfterPaint } from '../../app/hooks';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, codeText } from '../../app/api';
import { useFormError } from '../../app/forms';
import { paths, safeNext } from '../../app/paths';
import { PageSpinner } from '../../app/page-spinner';
import { setMe, useMe } from '../../app/session';
import { Heading, Muted } from '../../app/text';
import { authApi, TOTP_PATTERN, useSsoInfo } from './auth-api';

interface Values {
  username: string;
  password: string;
  totp?: string;
}

/** /dang-nhap — username and password, then a TOTP code when the account has one. */
export default function SignInPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const ssoError = params.get('loi');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const [needTotp, setNeedTotp] = useState(false);
  const totpRef = useRef<React.ComponentRef<typeof Input>>(null);
  const usernameRef = useFocusAfterPaint<React.ComponentRef<typeof Input>>();
  const me = useMe();
  const sso = useSsoInfo();
  useDocumentTitle(t('auth.signInTitle'));

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  const signIn = useMutation({
    mutationFn: (v: Values) =>
      authApi.signIn({ username: v.username.trim(), password: v.password, totp: needTotp ? v.totp?.trim() : undefined }),
    onSuccess: (user: Me) => {
      formError.clear();
      setMe(qc, user);
      void navigate(user.mfaSetupRequired ? paths.mfaSetup : next, { replace: true });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'MFA_REQUIRED') {
        formError.clear();
        setNeedTotp(true);
        return;
      }
      if (e instanceof ApiError && e.code === 'MFA_INVALID') {
        formError.clear();
        form.setFields([{ name: 'totp', errors: [e.text(i18n.language)] }]);
        return;
      }
      formError.report(e);
    },
  });

  if (me.isLoading) return <PageSpinner />;
  if (me.data) return <Navigate to={me.data.mfaSetupRequired ? paths.mfaSetup : next} replace />;

  const ssoMessage = ssoError ? (codeText(ssoError, i18n.language) ?? codeText('SSO_FAILED', i18n.language)) : null;
  const startSso = () => {
    window.location.assign(`/api/auth/sso/start?returnTo=${encodeURIComponent(next)}`);
  };

  return (
    <>
      <Heading level={2} style={{ marginBottom: 16 }}>
        {t('auth.signInTitle')}
      </Heading>
      {ssoMessage && <Alert type="error" showIcon role="alert" title={ssoMessage} style={{ marginBottom: 16 }} />}
      {formError.alert}
      {needTotp && <Alert type="info" showIcon title={t('auth.totpNeeded')} style={{ marginBottom: 16 }} />}
      <Form<Values> name="signIn" form={form} layout="vertical" requiredMark={false} onFinish={(v) => signIn.mutate(v)} disabled={signIn.isPending}>
        <Form.Item
          label={t('auth.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
        >
          <Input ref={usernameRef} prefix={<UserOutlined aria-hidden />} autoComplete="username" readOnly={needTotp} />
        </Form.Item>
        <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" readOnly={needTotp} />
        </Form.Item>
        {needTotp && (
          <Form.Item
            label={t('auth.totpCode')}
            name="totp"
            extra={t('auth.totpHint')}
            rules={[{ required: true, pattern: TOTP_PATTERN, message: t('auth.totpInvalid') }]}
          >
            <Input
              ref={totpRef}
              prefix={<SafetyOutlined aria-hidden />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block icon={<LoginOutlined aria-hidden />} loading={signIn.isPending}>
          {t('auth.signIn')}
        </Button>
        {needTotp && (
          <Button
            type="link"
            block
            onClick={() => {
              setNeedTotp(false);
              form.resetFields(['totp', 'password']);
            }}
          >
            {t('auth.useOtherAccount')}
          </Button>
        )}
      </Form>
      <div style={{ marginTop: 12, textAlign: 'center' }}>
        <Link to={paths.forgotPassword}>{t('auth.forgotLink')}</Link>
      </div>
      {sso.data?.enabled && (
        <>
          <Divider plain>{t('common.or')}</Divider>
          <Button block onClick={startSso}>
            {t('auth.sso')}
          </Button>
          {sso.data.label && (
            <Muted block style={{ textAlign: 'center', marginTop: 4, marginBottom: 0 }}>
              {sso.data.label}
            </Muted>
          )}
        </>
      )}
    </>
  );
}
