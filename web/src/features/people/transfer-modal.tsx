import type { PersonDetail, PersonView } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, toIsoDate } from '../../app/format';
import { useFormError } from '../../app/forms';
import { UnitPicker } from '../org/unit-picker';
import { peopleApi } from './people-api';
import { appToday } from '../../app/clock';

interface Values {
  unitId: number;
  position?: string;
  date: Dayjs;
}

/** Điều chuyển: moves a person to another unit from a date, keeping the assignment history. */
export function TransferModal({
  person,
  onClose,
  onDone,
}: {
  person: PersonView | null;
  onClose: () => void;
  onDone: (p: PersonDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);

  useEffect(() => {
    if (!person) return;
    formError.clear();
    form.resetFields();
    form.setFieldsValue({ position: person.position ?? '', date: dayjs(appToday()) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [person]);

  const transfer = useMutation({
    mutationFn: (v: Values) =>
      peopleApi.transfer(person!.id, {
        unitId: v.unitId,
        position: v.position?.trim() ? v.position.trim() : null,
        date: toIsoDate(v.date)!,
      }),
    onSuccess: (p) => {
      onDone(p);
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  return (
    <Modal
      open={!!person}
      title={person ? t('people.transferTitle', { name: person.fullName }) : ''}
      okText={t('people.transfer')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={transfer.isPending}
      forceRender
    >
      {person && (
        <Typography.Paragraph>
          {t('people.currentUnit')}: <strong>{person.unitName}</strong>
        </Typography.Paragraph>
      )}
      {formError.alert}
      <Form<Values> name="transferPerson" form={form} layout="vertical" onFinish={(v) => transfer.mutate(v)}>
        <Form.Item label={t('people.newUnit')} name="unitId" rules={[{ required: true, message: t('people.unitRequired') }]}>
          <UnitPicker excludeIds={person ? [person.unitId] : []} />
        </Form.Item>
        <Form.Item label={t('people.newPosition')} name="position" rules={[{ max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('people.transferDate')} name="date" rules={[{ required: true, message: t('common.dateRequired') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
