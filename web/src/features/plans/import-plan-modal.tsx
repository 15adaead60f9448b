import { InboxOutlined } from '@ant-design/icons';
import type { PlanDetail } from '@thidua/contracts';
import { Alert, Form, Modal, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../org/unit-picker';
import { MovementSelect } from './movement-select';
import { plansApi } from './plans-api';
import { useNewPlanForm } from './use-new-plan-form';

/** What the server reads (plans.service PLAN_MAX_BYTES); checked here first to spare a long upload. */
const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPTED = /\.(docx|xlsx|txt)$/i;

interface Values {
  file: UploadFile[];
  movementId: number;
  unitId: number;
}

/**
 * Imports a plan from the document the unit already has (.docx, .xlsx scoring sheet or text) into a
 * draft; the caller opens the draft for review.
 */
export function ImportPlanModal({
  open,
  defaults,
  onClose,
  onImported,
}: {
  open: boolean;
  defaults: { movementId?: number; unitId?: number };
  onClose: () => void;
  onImported: (plan: PlanDetail) => void;
}) {
  const { t } = useTranslation();
  const { form, formError, submit: upload } = useNewPlanForm<Values>(
    open,
    () => ({ file: [], movementId: defaults.movementId, unitId: defaults.unitId }),
    (v) => plansApi.importFile(v.file[0]!.originFileObj as File, v.movementId, v.unitId),
    onImported,
  );

  return (
    <Modal
      open={open}
      title={t('plans.import.title')}
      okText={t('plans.import.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={upload.isPending}
      width={640}
      forceRender
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('plans.import.intro')} />
      {formError.alert}
      <Form<Values> name="importPlanForm" form={form} layout="vertical" onFinish={(v) => upload.mutate(v)}>
        <Form.Item
          label={t('plans.import.file')}
          name="file"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[
            {
              validator: (_, list: UploadFile[] | undefined) => {
                const f = list?.[0];
                if (!f) return Promise.reject(new Error(t('plans.import.fileRequired')));
                if (!ACCEPTED.test(f.name)) return Promise.reject(new Error(t('plans.import.fileType')));
                if ((f.size ?? 0) > MAX_BYTES) return Promise.reject(new Error(t('plans.import.fileTooLarge')));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Upload.Dragger
            accept=".docx,.xlsx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/plain"
            multiple={false}
            maxCount={1}
            beforeUpload={() => false}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('plans.import.dropHere')}</p>
            <p className="ant-upload-hint">{t('plans.import.dropHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item label={t('plans.import.movement')} name="movementId" rules={[{ required: true, message: t('plans.import.movementRequired') }]}>
          <MovementSelect />
        </Form.Item>
        <Form.Item
          label={t('plans.import.unit')}
          name="unitId"
          extra={t('plans.import.unitHint')}
          rules={[{ required: true, message: t('plans.import.unitRequired') }]}
        >
          <UnitPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
