import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle, useFocusAfterPaint } from '../../app/hooks';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useFormError } from '../../app/forms';
import { paths } from '../../app/paths';
import { Heading } from '../../app/text';
import { authApi } from './auth-api';
import { confirmRules, newPasswordRules } from './password-rules';

interface Values {
  newPassword: string;
  confirm: string;
}

/** /dat-lai-mat-khau?token= — sets a new password from the e-mailed link. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const focusRef = useFocusAfterPaint<React.ComponentRef<typeof Input>>();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  useDocumentTitle(t('auth.resetTitle'));
  const reset = useMutation({
    mutationFn: (v: Values) => authApi.reset(token, v.newPassword),
    onSuccess: () => formError.clear(),
    onError: (e) => formError.report(e, { password: 'newPassword' }),
  });

  if (reset.isSuccess) {
    return (
      <Result
        status="success"
        title={t('auth.resetDoneTitle')}
        subTitle={t('auth.resetDoneText')}
        extra={
          <Button type="primary" onClick={() => void navigate(paths.signIn)}>
            {t('auth.signIn')}
          </Button>
        }
      />
    );
  }
  return (
    <>
      <Heading level={2} style={{ marginBottom: 16 }}>
        {t('auth.resetTitle')}
      </Heading>
      {!token || token.length < 10 ? (
        <Alert type="error" showIcon role="alert" title={t('auth.resetNoToken')} style={{ marginBottom: 16 }} />
      ) : (
        <>
          {formError.alert}
          <Form name="resetPassword" form={form} layout="vertical" requiredMark={false} onFinish={(v) => reset.mutate(v)}>
            <Form.Item label={t('auth.newPassword')} name="newPassword" rules={newPasswordRules(t)} extra={t('auth.passwordHint')}>
              <Input.Password ref={focusRef} autoComplete="new-password" />
            </Form.Item>
            <Form.Item label={t('auth.confirmPassword')} name="confirm" dependencies={['newPassword']} rules={confirmRules(t)}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={reset.isPending}>
              {t('auth.resetSubmit')}
            </Button>
          </Form>
        </>
      )}
      <div style={{ marginTop: 12, textAlign: 'center' }}>
        <Link to={paths.signIn}>{t('auth.backToSignIn')}</Link>
      </div>
    </>
  );
}
