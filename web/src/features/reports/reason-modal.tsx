import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import { lengthRule, limitCount } from '../../app/text-limit';

/** The longest reason the server takes. */
const REASON_MAX = 2000;

/** Asks for the reason of a return or an unlock; the reason is required, as the server requires it. */
export function ReasonModal(props: { open: boolean; title: string; okText: string; onCancel: () => void; onSubmit: (reason: string) => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { report, clear, alert } = useFormError(form);
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('common.cancel')}
      onCancel={props.onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          clear();
          void props.onSubmit(v.reason.trim()).then(
            () => form.resetFields(),
            (e: unknown) => report(e),
          );
        }}
      >
        <Form.Item
          name="reason"
          label={t('reports.editor.reason')}
          rules={[{ required: true, whitespace: true, message: t('reports.editor.reasonRequired') }, lengthRule(REASON_MAX, t('reports.editor.reason'), i18n.language)]}
        >
          <Input.TextArea rows={4} count={limitCount(REASON_MAX, i18n.language)} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
