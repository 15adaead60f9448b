import type { TFunction } from 'i18next';
import type { IndicatorDef } from '@thidua/contracts';
import { Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';

export type TypedValue = number | boolean | string | null;

/** The unit's own figure of one indicator, by its kind: a number, a percentage, yes/no or short text. */
export function IndicatorInput({ def, value, disabled, onChange }: { def: IndicatorDef; value: TypedValue; disabled: boolean; onChange: (v: TypedValue) => void }) {
  const { t } = useTranslation();
  switch (def.kind) {
    case 'boolean':
      return (
        <Select<string>
          aria-label={def.label}
          disabled={disabled}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(v) => onChange(v === 'yes' ? true : v === 'no' ? false : null)}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('reports.editor.notGiven') },
            { value: 'yes', label: t('reports.editor.yes') },
            { value: 'no', label: t('reports.editor.no') },
          ]}
        />
      );
    case 'text':
      return <Input aria-label={def.label} disabled={disabled} maxLength={2000} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)} />;
    default:
      return (
        <InputNumber<number>
          aria-label={def.label}
          disabled={disabled}
          min={def.min ?? 0}
          max={def.max ?? (def.kind === 'percent' ? 100 : undefined)}
          suffix={def.kind === 'percent' ? '%' : undefined}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? null)}
          style={{ width: 160 }}
        />
      );
  }
}

/** A figure as read: numbers in the Vietnamese way, yes/no in words. */
export function formatTyped(v: TypedValue | undefined, t: TFunction, lang: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('reports.editor.yes') : t('reports.editor.no');
  if (typeof v === 'number') return formatNumber(v, lang);
  return v;
}
