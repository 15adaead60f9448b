import { COMMITMENTS_MAX, type CriterionSubject, type EmulationTitleCode } from '@thidua/contracts';
import { Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormError } from '../../app/forms';
import { lengthRule, limitCount } from '../../app/text-limit';
import { useUnsavedGuard } from '../../app/use-unsaved-guard';
import { TitleSelect } from './title-select';

export interface RegistrationFormValues {
  titleCode: EmulationTitleCode;
  commitments?: string;
}

/** The title aimed for and the commitments: to register, or to change a registration. */
export function RegistrationForm(props: {
  subject: CriterionSubject;
  initial?: Partial<RegistrationFormValues>;
  submitText: string;
  onSubmit: (values: RegistrationFormValues) => Promise<unknown>;
  onCancel?: () => void;
  titleLabel?: string;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RegistrationFormValues>();
  const error = useFormError(form);
  const [pending, setPending] = useState(false);
  // Typed and not sent yet: leaving the page asks first.
  const [dirty, setDirty] = useState(false);
  useUnsavedGuard(dirty);
  const submit = async (values: RegistrationFormValues) => {
    error.clear();
    setPending(true);
    try {
      await props.onSubmit(values);
      setDirty(false);
    } catch (e) {
      error.report(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <Form<RegistrationFormValues> form={form} layout="vertical" initialValues={props.initial} onFinish={submit} onValuesChange={() => setDirty(true)} disabled={props.disabled}>
      {error.alert}
      <Form.Item
        name="titleCode"
        label={props.titleLabel ?? t('registrations.form.title')}
        rules={[{ required: true, message: t('registrations.form.titleRequired') }]}
        style={{ maxWidth: 420 }}
      >
        <TitleSelect subject={props.subject} />
      </Form.Item>
      <Form.Item name="commitments" label={t('registrations.form.commitments')} rules={[lengthRule(COMMITMENTS_MAX, t('registrations.form.commitments'), i18n.language)]}>
        <Input.TextArea rows={4} count={limitCount(COMMITMENTS_MAX, i18n.language)} placeholder={t('registrations.form.commitmentsPlaceholder')} />
      </Form.Item>
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={pending}>
          {props.submitText}
        </Button>
        {props.onCancel && (
          <Button
            onClick={() => {
              setDirty(false);
              props.onCancel?.();
            }}
          >
            {t('common.cancel')}
          </Button>
        )}
      </Flex>
    </Form>
  );
}
