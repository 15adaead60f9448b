import { roleLabels, type Role, type UserView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { Form, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { UnitPicker } from '../org/unit-picker';
import { accountsApi } from './accounts-api';

interface Values {
  role: Role;
  unitId: number;
}

/** Grants a role at a unit; only the roles the actor's own roles may hand out are offered. */
export function GrantModal({
  user,
  roles,
  onClose,
  onGranted,
}: {
  user: UserView | null;
  roles: Role[];
  onClose: () => void;
  onGranted: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);

  useEffect(() => {
    if (!user) return;
    formError.clear();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user]);

  const grant = useMutation({
    mutationFn: (v: Values) => accountsApi.grant({ userId: user!.id, role: v.role, unitId: v.unitId }),
    onSuccess: () => {
      onGranted();
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  return (
    <Modal
      open={!!user}
      title={t('accounts.addGrant')}
      okText={t('accounts.grantSubmit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={grant.isPending}
      forceRender
    >
      {user && (
        <Typography.Paragraph>
          {t('accounts.grantFor')}: <strong>{user.displayName}</strong> ({user.username})
        </Typography.Paragraph>
      )}
      {formError.alert}
      <Form<Values> name="grantRole" form={form} layout="vertical" onFinish={(v) => grant.mutate(v)}>
        <Form.Item label={t('accounts.role')} name="role" rules={[{ required: true, message: t('accounts.roleRequired') }]}>
          <Select options={roles.map((r) => ({ value: r, label: label(roleLabels[r]) }))} />
        </Form.Item>
        <Form.Item label={t('accounts.unit')} name="unitId" rules={[{ required: true, message: t('people.unitRequired') }]}>
          <UnitPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
