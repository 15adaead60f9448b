// A number field that keeps what was typed: 40 stays 40 on a criterion worth 25, "abc" stays
// "abc", and the page says why next to the field. antd's InputNumber instead drops a value out of
// its min/max while typing and pulls it into range on blur (40 silently became 25), and puts the
// last good number back over text that is not one.
import { fieldMessageText, parseTypedNumber, type FieldParams, type FieldProblem, type Label } from '@thidua/contracts';
import { Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useId, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from './editing-notes';

/** What a number field holds: a number, null when blank, or the text typed when it is not a number. */
export type TypedNumber = number | string | null;

/** A number as the field shows it for editing: the reader's decimal mark, no thousands grouping. */
export function numberText(v: TypedNumber | undefined, lang: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return lang.startsWith('en') ? String(v) : String(v).replace('.', ',');
}

/** Reads the text of a number field: the number, null for blank, the text itself when it is not a number. */
export function readTypedNumber(text: string, lang: string): TypedNumber {
  const n = parseTypedNumber(text, lang);
  return n === null ? null : Number.isNaN(n) ? text : n;
}

const sameValue = (a: TypedNumber | undefined, b: TypedNumber | undefined) => (a ?? null) === (b ?? null);

export interface NumberInputProps {
  value?: TypedNumber;
  onChange?: (value: TypedNumber) => void;
  onBlur?: () => void;
  /** Why the value is refused, shown under the field (the field turns red). */
  error?: string | null;
  suffix?: ReactNode;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/**
 * A number typed as text: read with either decimal mark, never corrected or clamped; a value that
 * is not a number is kept as typed (the form's rules or the page say why). Works alone and inside a
 * Form.Item. Announced as a spin button, as antd's InputNumber was.
 */
export function NumberInput({ value, onChange, onBlur, error, suffix, placeholder, disabled, id, style, ...aria }: NumberInputProps) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const [text, setText] = useState(() => numberText(value, lang));
  const errorId = useId();

  // A value set from outside (a reload, "copy the self-scores") replaces the text; the text's own
  // value (12,50 for 12.5) is left as the reader typed it.
  useEffect(() => {
    if (!sameValue(readTypedNumber(text, lang), value)) setText(numberText(value, lang));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2, ...style }}>
      <Input
        id={id}
        role="spinbutton"
        inputMode="decimal"
        autoComplete="off"
        aria-label={aria['aria-label']}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-valuenow={typeof value === 'number' ? value : undefined}
        status={error ? 'error' : undefined}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        suffix={suffix}
        onChange={(e) => {
          setText(e.target.value);
          onChange?.(readTypedNumber(e.target.value, lang));
        }}
        onBlur={onBlur}
      />
      <FieldError id={errorId} text={error} />
    </span>
  );
}

/** The bounds of a number field, for the message table. */
export interface NumberBounds {
  min?: number;
  max?: number;
  /** Decimals allowed; 0 for whole numbers. Unlimited when absent. */
  decimals?: number;
  /** The message's words for the bounds: points ("điểm tối đa là 25") or a plain number. */
  points?: boolean;
  /** How a bound and the value are written in the message (a percentage with its sign). */
  show?: (n: number) => string | number | Label;
}

/** Why a typed number is refused (the message table's problem and its figures), or null when it fits. */
export function numberProblem(v: TypedNumber | undefined, b: NumberBounds): { problem: FieldProblem; params: FieldParams } | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && v.trim() === '') return { problem: 'required', params: {} };
  if (typeof v === 'string') return { problem: 'not_a_number', params: { value: v } };
  const show = b.show ?? ((n: number) => n);
  if (b.min !== undefined && v < b.min) {
    return b.points && b.min === 0 ? { problem: 'points_negative', params: { value: show(v) } } : { problem: 'below_min', params: { min: show(b.min), value: show(v) } };
  }
  if (b.max !== undefined && v > b.max) return { problem: b.points ? 'points_above_max' : 'above_max', params: { max: show(b.max), value: show(v) } };
  if (b.decimals !== undefined) {
    const scaled = v * 10 ** b.decimals;
    if (Math.abs(Math.round(scaled) - scaled) > 1e-6) {
      return b.decimals === 0 ? { problem: 'not_an_integer', params: { value: show(v) } } : { problem: 'too_precise', params: { decimals: b.decimals, value: show(v) } };
    }
  }
  return null;
}

/** A year's bounds: a whole number, written without a thousands mark ("tối đa là 2026", not "2.026"). */
export function yearBounds(min = 1990, max = 2100): NumberBounds {
  return { min, max, decimals: 0, show: (n) => String(n) };
}

/** The message of a typed number's problem in the reader's language, or null when it fits. */
export function numberError(v: TypedNumber | undefined, b: NumberBounds, field: Label, lang: string): string | null {
  const p = numberProblem(v, b);
  return p ? fieldMessageText(p.problem, field, p.params, lang) : null;
}

/** A label the page already has in the reader's language, as the message table takes it. */
export const shownLabel = (text: string): Label => ({ vi: text, en: text });

/** A Form rule for a NumberInput: refuses, with the message table's words, what numberProblem refuses. */
export function numberRule(b: NumberBounds, label: string, lang: string): Rule {
  return {
    validator: (_, v: TypedNumber | undefined) => {
      const msg = numberError(v, b, shownLabel(label), lang);
      return msg ? Promise.reject(new Error(msg)) : Promise.resolve();
    },
  };
}
