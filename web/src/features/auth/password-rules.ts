import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { PASSWORD_MIN } from './auth-api';

/** Rules for a new password and its confirmation field (named `newPassword` and `confirm`). */
export function newPasswordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('auth.passwordRequired') },
    { min: PASSWORD_MIN, message: t('auth.passwordMin', { count: PASSWORD_MIN }) },
  ];
}

export function confirmRules(t: TFunction, field = 'newPassword'): FormRule[] {
  return [
    { required: true, message: t('auth.confirmRequired') },
    ({ getFieldValue }) => ({
      validator: (_r, value: string | undefined) =>
        !value || value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error(t('auth.confirmMismatch'))),
    }),
  ];
}
