import type { Me } from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, QRCode, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useFormError } from '../../app/forms';
import { setMe } from '../../app/session';
import { authApi, TOTP_PATTERN } from './auth-api';

/**
 * Starts TOTP enrolment (a new secret each time the panel mounts), shows it as a QR code and text,
 * and enables it once the user types a code from the authenticator app.
 */
export function MfaSetupPanel({ onEnabled }: { onEnabled: (me: Me) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ code: string }>();
  const formError = useFormError(form);
  // A query (not an effect) so that StrictMode's double mount asks the server for one secret only.
  const setup = useQuery({
    queryKey: ['mfa-setup'],
    queryFn: authApi.mfaSetup,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const enable = useMutation({
    mutationFn: (code: string) => authApi.mfaEnable(code.trim()),
    onSuccess: (me) => {
      setMe(qc, me);
      qc.removeQueries({ queryKey: ['mfa-setup'] });
      onEnabled(me);
    },
    onError: (e) => formError.report(e),
  });

  if (setup.isLoading) return <Skeleton active />;
  if (setup.error || !setup.data) return <ErrorAlert error={setup.error} />;
  const { secret, otpauthUrl } = setup.data;
  return (
    <div>
      <ol style={{ paddingLeft: 20 }}>
        <li>{t('mfa.step1')}</li>
        <li>{t('mfa.step2')}</li>
        <li>{t('mfa.step3')}</li>
      </ol>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
        <QRCode value={otpauthUrl} size={200} bordered aria-label={t('mfa.qrLabel')} />
        <Typography.Text type="secondary">{t('mfa.secretLabel')}</Typography.Text>
        <Typography.Text code copyable={{ text: secret }} style={{ wordBreak: 'break-all' }} aria-label={t('mfa.secretLabel')}>
          {secret.replace(/(.{4})/g, '$1 ').trim()}
        </Typography.Text>
      </Flex>
      {formError.alert}
      <Form name="mfaEnable" form={form} layout="vertical" requiredMark={false} onFinish={(v) => enable.mutate(v.code)}>
        <Form.Item
          label={t('auth.totpCode')}
          name="code"
          rules={[{ required: true, pattern: TOTP_PATTERN, message: t('auth.totpInvalid') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={enable.isPending}>
          {t('mfa.enable')}
        </Button>
      </Form>
      <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('mfa.keepSafe')} />
    </div>
  );
}
