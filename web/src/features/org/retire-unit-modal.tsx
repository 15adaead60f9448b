import type { UnitView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, toIsoDate } from '../../app/format';
import { useFormError } from '../../app/forms';
import { unitsApi } from './org-api';
import { UnitPicker } from './unit-picker';
import { appToday } from '../../app/clock';

interface Values {
  mode: 'merged' | 'dissolved';
  successorId: number;
  date: Dayjs;
  note?: string;
}

/** Merges (sáp nhập) or dissolves (giải thể) a unit; its history rolls up into the successor. */
export function RetireUnitModal({
  unit,
  onClose,
  onDone,
}: {
  unit: UnitView | null;
  onClose: () => void;
  onDone: (unit: UnitView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const mode = Form.useWatch('mode', form);

  useEffect(() => {
    if (!unit) return;
    formError.clear();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unit]);

  const retire = useMutation({
    mutationFn: (v: Values) =>
      unitsApi.retire(unit!.id, {
        mode: v.mode,
        successorId: v.successorId,
        date: toIsoDate(v.date)!,
        note: v.note?.trim() ? v.note.trim() : null,
      }),
    onSuccess: (u) => {
      onDone(u);
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  return (
    <Modal
      open={!!unit}
      title={unit ? t('org.retireTitle', { name: unit.name }) : ''}
      okText={t('org.retireSubmit')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={retire.isPending}

      forceRender
    >
      <Alert type="warning" showIcon title={t('org.retireWarning')} style={{ marginBottom: 16 }} />
      {formError.alert}
      <Form<Values> name="retireUnit" form={form} layout="vertical" onFinish={(v) => retire.mutate(v)} initialValues={{ mode: 'merged', date: dayjs(appToday()) }}>
        <Form.Item label={t('org.retireMode')} name="mode" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'merged', label: t('org.modeMerged') },
              { value: 'dissolved', label: t('org.modeDissolved') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={mode === 'dissolved' ? t('org.successorDissolved') : t('org.successor')}
          name="successorId"
          rules={[{ required: true, message: t('org.successorRequired') }]}
        >
          <UnitPicker excludeIds={unit ? [unit.id] : []} />
        </Form.Item>
        <Form.Item label={t('org.retireDate')} name="date" rules={[{ required: true, message: t('common.dateRequired') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('org.note')} name="note" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
