import { roleLabels } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { isSystemAdmin, setMe, useMe } from '../../app/session';
import { tagColors } from '../../app/theme';
import { authApi, TOTP_PATTERN } from './auth-api';
import { MfaSetupPanel } from './mfa-setup-panel';
import { CalendarCard } from '../notifications/calendar-card';
import { confirmRules, newPasswordRules } from './password-rules';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** /tai-khoan — the signed-in user's own account: details, password, two-factor authentication. */
export default function AccountPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntdApp.useApp();
  const [pwForm] = Form.useForm<PasswordValues>();
  const pwError = useFormError(pwForm);
  const [mfaForm] = Form.useForm<{ code: string }>();
  const mfaError = useFormError(mfaForm);
  const [enrolling, setEnrolling] = useState(false);

  const change = useMutation({
    mutationFn: (v: PasswordValues) => authApi.changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => {
      pwError.clear();
      pwForm.resetFields();
      void message.success(t('account.passwordChanged'));
    },
    onError: (e) => pwError.report(e),
  });
  const disable = useMutation({
    mutationFn: (code: string) => authApi.mfaDisable(code.trim()),
    onSuccess: (m) => {
      mfaError.clear();
      mfaForm.resetFields();
      setMe(qc, m);
      void message.success(t('mfa.disabled'));
    },
    onError: (e) => mfaError.report(e),
  });

  if (!me) return null;
  const admin = isSystemAdmin(me);

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.details')}</h2>}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'u', label: t('auth.username'), children: me.username },
                { key: 'n', label: t('account.displayName'), children: me.displayName },
                { key: 'e', label: t('account.email'), children: me.email ?? '—' },
                {
                  key: 'g',
                  label: t('account.grants'),
                  children: me.grants.length ? (
                    <Space orientation="vertical" size={4}>
                      {me.grants.map((g) => (
                        <span key={g.id}>
                          <Tag color={tagColors.info}>{label(roleLabels[g.role])}</Tag>
                          {g.unitName}
                        </span>
                      ))}
                    </Space>
                  ) : (
                    t('home.noGrants')
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.changePassword')}</h2>}>
            {pwError.alert}
            <Form name="changePassword" form={pwForm} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)}>
              <Form.Item
                label={t('account.currentPassword')}
                name="currentPassword"
                rules={[{ required: true, message: t('auth.passwordRequired') }]}
              >
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item label={t('auth.newPassword')} name="newPassword" rules={newPasswordRules(t)} extra={t('auth.passwordHint')}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item label={t('auth.confirmPassword')} name="confirm" dependencies={['newPassword']} rules={confirmRules(t)}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={change.isPending}>
                {t('account.changePassword')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('mfa.title')}</h2>}>
            <Typography.Paragraph>
              {t('mfa.status')}{' '}
              {me.mfaEnabled ? (
                <Tag color={tagColors.active}>{t('mfa.on')}</Tag>
              ) : (
                <Tag color={tagColors.neutral}>{t('mfa.off')}</Tag>
              )}
            </Typography.Paragraph>
            {me.mfaEnabled ? (
              admin ? (
                <Typography.Paragraph type="secondary">{t('mfa.adminCannotDisable')}</Typography.Paragraph>
              ) : (
                <>
                  {mfaError.alert}
                  <Form name="mfaDisable" form={mfaForm} layout="vertical" requiredMark={false} onFinish={(v) => disable.mutate(v.code)}>
                    <Form.Item
                      label={t('auth.totpCode')}
                      name="code"
                      rules={[{ required: true, pattern: TOTP_PATTERN, message: t('auth.totpInvalid') }]}
                    >
                      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
                    </Form.Item>
                    <Button danger htmlType="submit" loading={disable.isPending}>
                      {t('mfa.disable')}
                    </Button>
                  </Form>
                </>
              )
            ) : enrolling ? (
              <MfaSetupPanel
                onEnabled={() => {
                  setEnrolling(false);
                  void message.success(t('mfa.enabled'));
                }}
              />
            ) : (
              <Button type="primary" onClick={() => setEnrolling(true)}>
                {t('mfa.enable')}
              </Button>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <CalendarCard />
        </Col>
      </Row>
    </>
  );
}
