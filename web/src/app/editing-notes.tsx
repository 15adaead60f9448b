import { Alert, Button, Flex } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

// The notes every page that keeps a draft shows the same way: a value's refusal under its field,
// and the choice when someone else saved the same record meanwhile.

/** Why a typed value is refused, right under its field (`id` for the field's aria-describedby). */
export function FieldError({ id, text, style }: { id: string; text: string | null | undefined; style?: CSSProperties }) {
  // A span (shown as a block): it may sit inside a field's own inline wrapper.
  return text ? (
    <span id={id} className="field-error" role="alert" style={style}>
      {text}
    </span>
  ) : null;
}

/** Another save came first: take the latest and keep what one is typing, or drop what one typed. */
export function ConflictAlert({ onResolve }: { onResolve: (keepMine: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('editing.conflictTitle')}
      action={
        <Flex vertical gap={4}>
          <Button size="small" type="primary" onClick={() => onResolve(true)}>
            {t('editing.conflictKeep')}
          </Button>
          <Button size="small" onClick={() => onResolve(false)}>
            {t('editing.conflictDiscard')}
          </Button>
        </Flex>
      }
    />
  );
}
