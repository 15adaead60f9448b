import { planDocumentTypes } from '@thidua/contracts';
import { AutoComplete } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTypeName } from './use-document-type-name';

/**
 * The document's type code (KH kế hoạch, CT chỉ thị, HD hướng dẫn…, Nghị định 30/2020). The usual
 * ones are offered; another upper-case code may be typed.
 */
export function DocumentTypeSelect(props: { id?: string; value?: string; onChange?: (v: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const name = useDocumentTypeName();
  return (
    <AutoComplete
      id={props.id}
      value={props.value}
      disabled={props.disabled}
      onChange={(v: string) => props.onChange?.(v.toLocaleUpperCase('vi'))}
      placeholder={t('plans.header.documentTypePlaceholder')}
      options={planDocumentTypes.map((c) => ({ value: c, label: `${c} — ${name(c)}` }))}
      style={{ width: '100%' }}
    />
  );
}
