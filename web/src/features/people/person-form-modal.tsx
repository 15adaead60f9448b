import {
  employmentCategories,
  employmentCategoryLabels,
  genderLabels,
  genders,
  type EmploymentCategory,
  type Gender,
  type PersonDetail,
  type PersonView,
} from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../app/format';
import { useFormError } from '../../app/forms';
import { useLabel } from '../../app/i18n';
import { UnitPicker } from '../org/unit-picker';
import { peopleApi } from './people-api';
import { appToday } from '../../app/clock';

interface Values {
  code?: string;
  fullName: string;
  gender: Gender;
  birthDate?: Dayjs | null;
  category: EmploymentCategory;
  position?: string;
  unitId?: number;
  email?: string;
  phone?: string;
  isActive?: boolean;
}

export type PersonFormTarget = { mode: 'create'; unitId?: number } | { mode: 'edit'; person: PersonView };

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Adds a person to a unit, or edits one (the unit changes only through a transfer). */
export function PersonFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: PersonFormTarget | null;
  onClose: () => void;
  onSaved: (p: PersonDetail) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const editing = target?.mode === 'edit' ? target.person : null;

  useEffect(() => {
    if (!target) return;
    formError.clear();
    form.resetFields();
    if (target.mode === 'edit') {
      const p = target.person;
      form.setFieldsValue({
        code: p.code ?? '',
        fullName: p.fullName,
        gender: p.gender,
        birthDate: fromIsoDate(p.birthDate),
        category: p.category,
        position: p.position ?? '',
        email: p.email ?? '',
        phone: p.phone ?? '',
        isActive: p.isActive,
      });
    } else {
      form.setFieldsValue({ unitId: target.unitId, gender: 'male', category: 'civil_servant' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        code: blankToNull(v.code),
        fullName: v.fullName.trim(),
        gender: v.gender,
        birthDate: toIsoDate(v.birthDate) ?? null,
        category: v.category,
        position: blankToNull(v.position),
        email: blankToNull(v.email),
        phone: blankToNull(v.phone),
      };
      if (editing) return peopleApi.update(editing.id, { ...body, isActive: v.isActive });
      return peopleApi.create({ ...body, unitId: v.unitId! });
    },
    onSuccess: (p) => {
      onSaved(p);
      onClose();
    },
    onError: (e) => formError.report(e),
  });

  return (
    <Modal
      open={!!target}
      title={editing ? t('people.editTitle', { name: editing.fullName }) : t('people.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      forceRender
    >
      {formError.alert}
      <Form<Values> name="personForm" form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('people.fullName')} name="fullName" rules={[{ required: true, whitespace: true, message: t('people.fullNameRequired') }, { max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('people.code')} name="code" rules={[{ max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('people.gender')} name="gender" rules={[{ required: true }]}>
          <Radio.Group options={genders.map((g) => ({ value: g, label: label(genderLabels[g]) }))} />
        </Form.Item>
        <Form.Item label={t('people.birthDate')} name="birthDate">
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            placeholder={t('common.datePlaceholder')}
            disabledDate={(d) => d.isAfter(dayjs(appToday()), 'day')}
          />
        </Form.Item>
        <Form.Item label={t('people.category')} name="category" rules={[{ required: true }]}>
          <Select options={employmentCategories.map((c) => ({ value: c, label: label(employmentCategoryLabels[c]) }))} />
        </Form.Item>
        <Form.Item label={t('people.position')} name="position" rules={[{ max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {!editing && (
          <Form.Item label={t('people.unit')} name="unitId" rules={[{ required: true, message: t('people.unitRequired') }]}>
            <UnitPicker />
          </Form.Item>
        )}
        <Form.Item label={t('people.email')} name="email" rules={[{ type: 'email', message: t('people.emailInvalid') }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('people.phone')}
          name="phone"
          rules={[{ pattern: /^\+?[0-9 .-]{8,15}$/, message: t('people.phoneInvalid') }]}
        >
          <Input type="tel" autoComplete="off" />
        </Form.Item>
        {editing && (
          <Form.Item label={t('people.active')} name="isActive" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
