import type { UserView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import { PersonPicker } from '../people/person-picker';
import { newPasswordRules } from '../auth/password-rules';
import { accountsApi } from './accounts-api';

interface Values {
  username: string;
  displayName: string;
  email?: string;
  personId?: number | null;
  newPassword: string;
}

export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: UserView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);

  useEffect(() => {
    if (!open) return;
    formError.clear();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const create = useMutation({
    mutationFn: (v: Values) =>
      accountsApi.create({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        email: v.email?.trim() ? v.email.trim() : null,
        personId: v.personId ?? null,
        password: v.newPassword,
      }),
    onSuccess: (u) => {
      onCreated(u);
      onClose();
    },
    onError: (e) => formError.report(e, { password: 'newPassword' }),
  });

  return (
    <Modal
      open={open}
      title={t('accounts.create')}
      okText={t('accounts.createSubmit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      forceRender
    >
      {formError.alert}
      <Form<Values> name="createUser" form={form} layout="vertical" onFinish={(v) => create.mutate(v)} autoComplete="off">
        <Form.Item label={t('accounts.person')} name="personId" extra={t('accounts.personHint')}>
          <PersonPicker
            onPick={(p) => {
              if (!p) return;
              if (!form.getFieldValue('displayName')) form.setFieldValue('displayName', p.fullName);
              if (!form.getFieldValue('email') && p.email) form.setFieldValue('email', p.email);
            }}
          />
        </Form.Item>
        <Form.Item
          label={t('auth.username')}
          name="username"
          rules={[
            { required: true, whitespace: true, message: t('auth.usernameRequired') },
            { min: 3, max: 100, message: t('accounts.usernameLength') },
            { pattern: /^[a-zA-Z0-9._@-]+$/, message: t('accounts.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('accounts.displayName')} name="displayName" rules={[{ required: true, whitespace: true, message: t('accounts.displayNameRequired') }, { max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('account.email')} name="email" rules={[{ type: 'email', message: t('people.emailInvalid') }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('accounts.initialPassword')} name="newPassword" rules={newPasswordRules(t)} extra={t('auth.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
