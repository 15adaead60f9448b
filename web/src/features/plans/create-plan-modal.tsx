import type { PlanDetail } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import { UnitPicker } from '../org/unit-picker';
import { DocumentTypeSelect } from './document-type-select';
import { MovementSelect } from './movement-select';
import { plansApi, useRememberPlan } from './plans-api';

interface Values {
  movementId: number;
  unitId: number;
  documentType: string;
  title: string;
}

/** Starts an empty draft plan (kế hoạch) that the user fills in on the review page. */
export function CreatePlanModal({
  open,
  defaults,
  onClose,
  onCreated,
}: {
  open: boolean;
  defaults: { movementId?: number; unitId?: number };
  onClose: () => void;
  onCreated: (plan: PlanDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const remember = useRememberPlan();

  useEffect(() => {
    if (!open) return;
    formError.clear();
    form.resetFields();
    form.setFieldsValue({ movementId: defaults.movementId, unitId: defaults.unitId, documentType: 'KH' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const create = useMutation({
    mutationFn: (v: Values) => plansApi.create({ movementId: v.movementId, unitId: v.unitId, documentType: v.documentType, title: v.title.trim() }),
    onSuccess: (plan) => {
      remember(plan);
      onCreated(plan);
    },
    onError: (e) => formError.report(e),
  });

  return (
    <Modal
      open={open}
      title={t('plans.create.title')}
      okText={t('plans.create.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={640}
      forceRender
    >
      {formError.alert}
      <Form<Values> name="createPlanForm" form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item label={t('plans.create.movement')} name="movementId" rules={[{ required: true, message: t('plans.import.movementRequired') }]}>
          <MovementSelect />
        </Form.Item>
        <Form.Item label={t('plans.import.unit')} name="unitId" rules={[{ required: true, message: t('plans.import.unitRequired') }]}>
          <UnitPicker />
        </Form.Item>
        <Form.Item label={t('plans.header.documentType')} name="documentType" rules={[{ required: true }]}>
          <DocumentTypeSelect />
        </Form.Item>
        <Form.Item
          label={t('plans.header.title')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('plans.header.titleRequired') }, { max: 1000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('plans.create.titlePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
