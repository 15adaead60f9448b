// Shows API errors in forms: field messages under the matching Form.Item, the rest in an Alert.
import { Alert, Form, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from './api';

type NamePath = (string | number)[];

function toNamePath(path: string): NamePath {
  return path
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts each field error of an ApiError under the Form.Item it names, when the form has one.
 * Returns the field errors that matched no item, for an Alert.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, lang: string, rename: Record<string, string> = {}) {
  if (!(err instanceof ApiError) || err.fields.length === 0) return [];
  const registered = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const unmatched: string[] = [];
  const fields: { name: NamePath; errors: string[] }[] = [];
  for (const f of err.fields) {
    const name = toNamePath(rename[f.path] ?? f.path);
    const msg = lang.startsWith('en') ? f.messageEn : f.message;
    const top = name[0];
    if (typeof top === 'string' && registered.has(top)) fields.push({ name: [top], errors: [msg] });
    // The message names the field as the user sees it ("Ghi chú: …"), never by its path.
    else unmatched.push(msg);
  }
  form.setFields(fields);
  return unmatched;
}

/** An error message in the current language, with any field errors not shown elsewhere. */
export function ErrorAlert({ error, extra, style }: { error: unknown; extra?: string[]; style?: React.CSSProperties }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  const lang = i18n.language;
  const fieldLines = extra ?? (error instanceof ApiError ? error.fields.map((f) => (lang.startsWith('en') ? f.messageEn : f.message)) : []);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16, ...style }}
      title={errorText(error, lang)}
      description={
        fieldLines.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {fieldLines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** Error state of one form: field errors go under their items, the rest into `alert`. */
export function useFormError(form: FormInstance) {
  const { i18n } = useTranslation();
  const [state, setState] = useState<{ error: unknown; extra: string[] } | null>(null);
  return {
    report: (e: unknown, rename?: Record<string, string>) =>
      setState({ error: e, extra: applyFieldErrors(form, e, i18n.language, rename) }),
    clear: () => setState(null),
    alert: state ? <ErrorAlert error={state.error} extra={state.extra} /> : null,
  };
}

/**
 * The form of a dialog that opens on several things in turn (`opened`: which one, null when shut):
 * each opening starts from a clean form with `start()`'s values and no error left from before;
 * while it stays open the form keeps what the user typed.
 */
export function useDialogForm<V extends object>(opened: unknown, start: () => Partial<V> | undefined) {
  const [form] = Form.useForm<V>();
  const formError = useFormError(form);
  useEffect(() => {
    if (!opened) return;
    form.resetFields();
    formError.clear();
    const values = start();
    if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
    // Only when another dialog opens: `start` reads the same dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  return { form, formError };
}
