import type { TFunction } from 'i18next';
import { reportLimits, typedLabel, type IndicatorDef } from '@thidua/contracts';
import { Input, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../app/format';
import { numberError, NumberInput, type NumberBounds } from '../../app/number-input';
import { lengthError, limitCount } from '../../app/text-limit';
import { FieldError } from '../../app/editing-notes';

/** A figure as saved: a number (also a percentage), yes/no, short text, or null for "not given". */
export type TypedValue = number | boolean | string | null;

/** The bounds the server holds a number or percentage to: ≥ 0, a percentage ≤ 100, unless the template narrows them. */
export function indicatorBounds(def: IndicatorDef): NumberBounds {
  return {
    min: def.min ?? 0,
    max: def.max ?? (def.kind === 'percent' ? 100 : undefined),
    show: def.kind === 'percent' ? (n) => ({ vi: formatPercent(n, 'vi', 6), en: formatPercent(n, 'en', 6) }) : undefined,
  };
}

/** Why a typed figure would be refused, in the server's words, or null when it fits. */
export function indicatorError(def: IndicatorDef, v: TypedValue | undefined, lang: string): string | null {
  if (v === undefined || v === null) return null;
  if (def.kind === 'number' || def.kind === 'percent') return typeof v === 'boolean' ? null : numberError(v, indicatorBounds(def), typedLabel(def.label), lang);
  if (def.kind === 'text' && typeof v === 'string') return lengthError(v, reportLimits.text, typedLabel(def.label), lang);
  return null;
}

/**
 * The unit's own figure of one indicator, by its kind: a number, a percentage, yes/no or short text.
 * A figure out of range or not a number stays as typed, with the reason under it.
 */
export function IndicatorInput({
  def,
  value,
  disabled,
  error,
  onChange,
  onBlur,
}: {
  def: IndicatorDef;
  value: TypedValue;
  disabled: boolean;
  error?: string | null;
  onChange: (v: TypedValue) => void;
  onBlur?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const errorId = useId();
  switch (def.kind) {
    case 'boolean':
      return (
        <Select<string>
          aria-label={def.label}
          disabled={disabled}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(v) => onChange(v === 'yes' ? true : v === 'no' ? false : null)}
          onBlur={onBlur}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('reports.editor.notGiven') },
            { value: 'yes', label: t('reports.editor.yes') },
            { value: 'no', label: t('reports.editor.no') },
          ]}
        />
      );
    case 'text':
      return (
        <span style={{ display: 'flex', flexDirection: 'column', gap: 2, flex: 1, minWidth: 200 }}>
          <Input
            aria-label={def.label}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            disabled={disabled}
            count={disabled ? undefined : limitCount(reportLimits.text, i18n.language)}
            status={error ? 'error' : undefined}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value || null)}
            onBlur={onBlur}
          />
          <FieldError id={errorId} text={error} />
        </span>
      );
    default:
      return (
        <NumberInput
          aria-label={def.label}
          disabled={disabled}
          suffix={def.kind === 'percent' ? '%' : undefined}
          value={typeof value === 'boolean' ? null : value}
          onChange={(v) => onChange(v)}
          onBlur={onBlur}
          error={error}
          style={{ width: error ? 280 : 160, maxWidth: '100%' }}
        />
      );
  }
}

/** A figure as read: numbers and percentages the Vietnamese way (1.234; 17,5 %), yes/no in words. */
export function formatTyped(v: TypedValue | undefined, t: TFunction, lang: string, kind?: IndicatorDef['kind']): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('reports.editor.yes') : t('reports.editor.no');
  if (typeof v === 'number') return kind === 'percent' ? formatPercent(v, lang, 2) : formatNumber(v, lang);
  return v;
}
