import { unitKindLabels, unitKinds, type UnitKind, type UnitView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../app/format';
import { useFormError } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { unitsApi } from './org-api';
import { UnitPicker } from './unit-picker';

interface Values {
  parentId?: number | null;
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  validFrom?: Dayjs | null;
}

export type UnitFormTarget =
  | { mode: 'create'; parent: { id: number; name: string } }
  | { mode: 'edit'; unit: UnitView };

/** Adds a sub-unit under a parent, or edits a unit (including moving it under another parent). */
export function UnitFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: UnitFormTarget | null;
  onClose: () => void;
  onSaved: (unit: UnitView, previousParentId: number | null) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);

  useEffect(() => {
    if (!target) return;
    formError.clear();
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.unit;
      form.setFieldsValue({
        parentId: u.parentId,
        code: u.code,
        name: u.name,
        shortName: u.shortName ?? '',
        kind: u.kind,
        validFrom: fromIsoDate(u.validFrom),
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const common = {
        code: v.code.trim(),
        name: v.name.trim(),
        shortName: v.shortName?.trim() ? v.shortName.trim() : null,
        kind: v.kind,
      };
      if (target?.mode === 'create') {
        return unitsApi.create({ ...common, parentId: target.parent.id, validFrom: toIsoDate(v.validFrom) });
      }
      const unit = (target as { unit: UnitView }).unit;
      const moving = v.parentId && v.parentId !== unit.parentId ? { parentId: v.parentId } : {};
      return unitsApi.update(unit.id, { ...common, ...moving, validFrom: toIsoDate(v.validFrom) });
    },
    onSuccess: (u) => {
      onSaved(u, target?.mode === 'edit' ? target.unit.parentId : null);
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  const editing = target?.mode === 'edit' ? target.unit : null;
  return (
    <Modal
      open={!!target}
      title={editing ? t('org.editTitle', { name: editing.name }) : t('org.addChild')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}

      forceRender
    >
      {formError.alert}
      <Form<Values> name="unitForm" form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'agency' }}>
        {target?.mode === 'create' && (
          <Typography.Paragraph>
            {t('org.parent')}: <strong>{target.parent.name}</strong>
          </Typography.Paragraph>
        )}
        {editing && (
          <Form.Item label={t('org.parent')} name="parentId" extra={t('org.moveHint')}>
            <UnitPicker excludeIds={[editing.id]} allowClear={false} />
          </Form.Item>
        )}
        <Form.Item
          label={t('org.code')}
          name="code"
          rules={[
            { required: true, whitespace: true, message: t('org.codeRequired') },
            { pattern: /^[A-Za-z0-9._-]+$/, message: t('org.codePattern') },
            { max: 50 },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('org.name')} name="name" rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, { max: 300 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('org.shortName')} name="shortName" rules={[{ max: 100 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('org.kind')} name="kind" rules={[{ required: true }]}>
          <Select options={unitKinds.map((k) => ({ value: k, label: label(unitKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item label={t('org.validFrom')} name="validFrom">
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
