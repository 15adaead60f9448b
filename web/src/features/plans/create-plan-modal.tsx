import type { PlanDetail } from '@thidua/contracts';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../org/unit-picker';
import { DocumentTypeSelect } from './document-type-select';
import { MovementSelect } from './movement-select';
import { plansApi } from './plans-api';
import { useNewPlanForm } from './use-new-plan-form';

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
  const { form, formError, submit: create } = useNewPlanForm<Values>(
    open,
    () => ({ movementId: defaults.movementId, unitId: defaults.unitId, documentType: 'KH' }),
    (v) => plansApi.create({ movementId: v.movementId, unitId: v.unitId, documentType: v.documentType, title: v.title.trim() }),
    onCreated,
  );

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
