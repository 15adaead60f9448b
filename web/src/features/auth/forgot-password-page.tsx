import { MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle, useFocusAfterPaint } from '../../app/hooks';
import { Link } from 'react-router';
import { useFormError } from '../../app/forms';
import { paths } from '../../app/paths';
import { Heading, Muted } from '../../app/text';
import { authApi } from './auth-api';

/** /quen-mat-khau — asks for a reset link; the answer is the same whether the account exists or not. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const focusRef = useFocusAfterPaint<React.ComponentRef<typeof Input>>();
  const [form] = Form.useForm<{ login: string }>();
  const formError = useFormError(form);
  useDocumentTitle(t('auth.forgotTitle'));
  const forgot = useMutation({
    mutationFn: (login: string) => authApi.forgot(login.trim()),
    onSuccess: () => formError.clear(),
    onError: (e) => formError.report(e),
  });

  if (forgot.isSuccess) {
    return (
      <Result
        status="success"
        title={t('auth.forgotSentTitle')}
        subTitle={t('auth.forgotSentText')}
        extra={<Link to={paths.signIn}>{t('auth.backToSignIn')}</Link>}
      />
    );
  }
  return (
    <>
      <Heading level={2} style={{ marginBottom: 12 }}>
        {t('auth.forgotTitle')}
      </Heading>
      <Muted block>{t('auth.forgotText')}</Muted>
      {formError.alert}
      <Form name="forgotPassword" form={form} layout="vertical" requiredMark={false} onFinish={(v) => forgot.mutate(v.login)}>
        <Form.Item
          label={t('auth.loginOrEmail')}
          name="login"
          rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}
        >
          <Input ref={focusRef} prefix={<MailOutlined aria-hidden />} autoComplete="username" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={forgot.isPending}>
          {t('auth.sendResetLink')}
        </Button>
      </Form>
      <div style={{ marginTop: 12, textAlign: 'center' }}>
        <Link to={paths.signIn}>{t('auth.backToSignIn')}</Link>
      </div>
    </>
  );
}
