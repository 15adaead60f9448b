import { movementKinds, type MovementKind, type MovementView } from '@thidua/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Col, Form, Input, Modal, Radio, Row } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import { UnitPicker } from '../org/unit-picker';
import { planKeys, plansApi } from './plans-api';
import { appYear } from '../../app/clock';
import { NumberInput, numberRule, yearBounds } from '../../app/number-input';

interface Values {
  name: string;
  theme?: string;
  kind: MovementKind;
  startYear: number;
  endYear: number;
  ownerUnitId: number;
}

/** Starts a movement (phong trào thi đua): name, theme, yearly or by period, its years and owner unit. */
export function MovementFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (m: MovementView) => void }) {
  const { t, i18n } = useTranslation();
  const yearRule = (label: string) => numberRule(yearBounds(), label, i18n.language);
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);

  useEffect(() => {
    if (!open) return;
    formError.clear();
    form.resetFields();
    const year = appYear();
    form.setFieldsValue({ kind: 'yearly', startYear: year, endYear: year });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      plansApi.createMovement({
        name: v.name.trim(),
        theme: v.theme?.trim() || null,
        kind: v.kind,
        startYear: v.startYear,
        endYear: v.endYear,
        ownerUnitId: v.ownerUnitId,
      }),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: planKeys.movements });
      onCreated(m);
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  return (
    <Modal
      open={open}
      title={t('plans.movementForm.title')}
      okText={t('plans.movementForm.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      forceRender
    >
      {formError.alert}
      <Form<Values> name="movementForm" form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          label={t('plans.movementForm.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('plans.movementForm.nameRequired') }, { max: 500 }]}
        >
          <Input autoComplete="off" placeholder={t('plans.movementForm.namePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('plans.movementForm.theme')} name="theme" rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item label={t('plans.movementForm.kind')} name="kind" rules={[{ required: true }]}>
          <Radio.Group options={movementKinds.map((k) => ({ value: k, label: t(`plans.movementKinds.${k}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item label={t('plans.movementForm.startYear')} name="startYear" rules={[{ required: true, message: t('plans.movementForm.yearRequired') }, yearRule(t('plans.movementForm.startYear'))]}>
              <NumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              label={t('plans.movementForm.endYear')}
              name="endYear"
              dependencies={['startYear']}
              rules={[
                { required: true, message: t('plans.movementForm.yearRequired') },
                yearRule(t('plans.movementForm.endYear')),
                ({ getFieldValue }) => ({
                  validator: (_, v: unknown) => {
                    const start: unknown = getFieldValue('startYear');
                    return typeof v !== 'number' || typeof start !== 'number' || v >= start ? Promise.resolve() : Promise.reject(new Error(t('plans.movementForm.endBeforeStart')));
                  },
                }),
              ]}
            >
              <NumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('plans.movementForm.ownerUnit')} name="ownerUnitId" rules={[{ required: true, message: t('plans.movementForm.ownerUnitRequired') }]}>
          <UnitPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
