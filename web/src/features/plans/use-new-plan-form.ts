import type { PlanDetail } from '@thidua/contracts';
import { useMutation } from '@tanstack/react-query';
import { Form } from 'antd';
import { useEffect } from 'react';
import { useFormError } from '../../app/forms';
import { useRememberPlan } from './plans-api';

/**
 * The form of a dialog that makes a new draft plan (blank or imported): cleared and seeded each
 * time the dialog opens; `submit` sends it and hands the new plan on, or shows the server's refusal.
 */
export function useNewPlanForm<V extends object>(open: boolean, initial: () => Partial<V>, send: (v: V) => Promise<PlanDetail>, onDone: (plan: PlanDetail) => void) {
  const [form] = Form.useForm<V>();
  const formError = useFormError(form);
  const remember = useRememberPlan();

  useEffect(() => {
    if (!open) return;
    formError.clear();
    form.resetFields();
    form.setFieldsValue(initial() as Parameters<typeof form.setFieldsValue>[0]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = useMutation({
    mutationFn: send,
    onSuccess: (plan) => {
      remember(plan);
      onDone(plan);
    },
    onError: (e) => formError.report(e),
  });
  return { form, formError, submit };
}
