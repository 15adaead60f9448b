import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftCriterion } from './criteria-tree';

/**
 * Drops a criterion this plan took over from the plan it adopts: it stays in the tree, marked, with
 * the reason the unit gives, so the comparison with the parent shows it.
 */
export function DropCriterionModal({ node, onClose, onDrop }: { node: DraftCriterion | null; onClose: () => void; onDrop: (reason: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    if (node) form.setFieldsValue({ reason: node.droppedReason ?? '' });
  }, [node, form]);

  return (
    <Modal
      open={!!node}
      title={t('plans.criteria.dropTitle', { code: node?.code ?? '' })}
      okText={t('plans.criteria.dropSubmit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      forceRender
    >
      <Form
        form={form}
        name="dropCriterionForm"
        layout="vertical"
        onFinish={(v) => {
          onDrop(v.reason.trim());
          onClose();
        }}
      >
        <Form.Item
          label={t('plans.criteria.dropReason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('plans.criteria.dropReasonRequired') }, { max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
