import type { IndicatorKind, ReportPeriodKind, ReportTemplateView, UnitKind, UpdateReportTemplateBody } from '@thidua/contracts';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../app/api';
import { fromIsoDate, toIsoDate } from '../../app/format';
import { periodsPerYear } from './period';

// The template editor's form (trình soạn mẫu báo cáo): a template as the form holds it, back to
// the PATCH body, and the server's field errors put under the fields they name. Field names follow
// the API's (content.sections.0.indicators.1.key), so a server path is a form path.

/** The codes of sections, indicators and narratives, as the contracts check them. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const DOCUMENT_CODE_PATTERN = /^[\p{Lu}Đ0-9-]{1,20}$/u;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface IndicatorValues {
  key: string;
  label: string;
  kind: IndicatorKind;
  source?: string | null;
  min?: number | null;
  max?: number | null;
}

export interface TemplateFormValues {
  name: string;
  periodIndexes: number[];
  dueMode: 'dayMonth' | 'date';
  dueDay: number | null;
  dueMonth: number | null;
  dueDate: Dayjs | null;
  recipientUnitId: number | null;
  recipientText: string;
  reporterKinds: UnitKind[];
  reminderSchedule: { daysBefore: (number | string)[]; everyDaysAfter: number | null; maxAfter: number; at: string };
  documentCode: string;
  isActive: boolean;
  content: {
    sections: { key: string; title: string; indicators: IndicatorValues[] }[];
    narratives: { key: string; title: string }[];
  };
}

const allIndexes = (kind: ReportPeriodKind) => Array.from({ length: periodsPerYear(kind) }, (_, i) => i + 1);

export function toFormValues(t: ReportTemplateView): TemplateFormValues {
  return {
    name: t.name,
    periodIndexes: t.periodIndexes ?? allIndexes(t.periodKind),
    dueMode: t.dueDate ? 'date' : 'dayMonth',
    dueDay: t.dueDay,
    dueMonth: t.dueMonth,
    dueDate: fromIsoDate(t.dueDate),
    recipientUnitId: t.recipientUnitId,
    recipientText: t.recipientText ?? '',
    reporterKinds: t.reporterKinds,
    reminderSchedule: { ...t.reminderSchedule },
    documentCode: t.documentCode,
    isActive: t.isActive,
    content: {
      sections: t.content.sections.map((s) => ({ ...s, indicators: s.indicators.map((i) => ({ ...i })) })),
      narratives: t.content.narratives.map((n) => ({ ...n })),
    },
  };
}

const given = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** The whole template as a PATCH body; the server checks it again (sources, due rule, codes). */
export function toUpdateBody(v: TemplateFormValues, kind: ReportPeriodKind): UpdateReportTemplateBody {
  const byDate = v.dueMode === 'date';
  const text = v.recipientText.trim();
  return {
    name: v.name.trim(),
    ...(periodsPerYear(kind) > 0 ? { periodIndexes: [...v.periodIndexes].sort((a, b) => a - b) } : {}),
    dueDay: byDate ? null : (v.dueDay ?? null),
    dueMonth: byDate ? null : (v.dueMonth ?? null),
    dueDate: byDate ? (toIsoDate(v.dueDate) ?? null) : null,
    recipientUnitId: v.recipientUnitId ?? null,
    recipientText: text === '' ? null : text,
    reporterKinds: v.reporterKinds,
    reminderSchedule: {
      daysBefore: [...new Set(v.reminderSchedule.daysBefore.map(Number))].sort((a, b) => b - a),
      everyDaysAfter: v.reminderSchedule.everyDaysAfter ?? null,
      maxAfter: v.reminderSchedule.maxAfter ?? 0,
      at: v.reminderSchedule.at.trim(),
    },
    documentCode: v.documentCode.trim(),
    isActive: v.isActive,
    content: {
      sections: (v.content.sections ?? []).map((s) => ({
        key: s.key.trim(),
        title: s.title.trim(),
        indicators: (s.indicators ?? []).map((i) => ({
          key: i.key.trim(),
          label: i.label.trim(),
          kind: i.kind,
          ...(i.source ? { source: i.source } : {}),
          ...(given(i.min) ? { min: i.min } : {}),
          ...(given(i.max) ? { max: i.max } : {}),
        })),
      })),
      narratives: (v.content.narratives ?? []).map((n) => ({ key: n.key.trim(), title: n.title.trim() })),
    },
  };
}

type NamePath = (string | number)[];

const topLevel = new Set(['name', 'periodIndexes', 'dueDay', 'dueMonth', 'dueDate', 'recipientUnitId', 'recipientText', 'reporterKinds', 'documentCode', 'isActive']);

/** The form field a server path names (content.sections.4.indicators.0.key → the same), or null. */
export function formNameOf(path: string): NamePath | null {
  const parts = path
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [top, a, b, c, d, e] = parts;
  if (typeof top !== 'string') return null;
  if (topLevel.has(top)) return [top];
  if (top === 'reminderSchedule' && typeof a === 'string') return [top, a];
  if (top !== 'content') return null;
  if (a === 'sections' && typeof b === 'number') {
    if (c === 'indicators' && typeof d === 'number' && typeof e === 'string') return [top, a, b, c, d, e];
    if (c === 'key' || c === 'title') return [top, a, b, c];
  }
  if (a === 'narratives' && typeof b === 'number' && (c === 'key' || c === 'title')) return [top, a, b, c];
  return null;
}

/** Where a server path points, in words: "Mục 5, chỉ tiêu 1 — Mã". */
export function placeOf(path: string, t: TFunction): string {
  const name = formNameOf(path);
  if (!name) return path;
  const tt = (k: string, o?: Record<string, unknown>) => t(`reports.templates.${k}` as never, o as never) as unknown as string;
  const [top, a, b, c, d, e] = name;
  if (top === 'content' && a === 'sections' && typeof b === 'number') {
    if (typeof d === 'number') {
      const field = { key: 'indicatorKey', label: 'indicatorLabel', kind: 'indicatorKind', source: 'indicatorSource', min: 'min', max: 'max' }[String(e)] ?? String(e);
      return `${tt('at_indicator', { s: b + 1, i: d + 1 })} — ${tt(field)}`;
    }
    return `${tt('at_section', { s: b + 1 })} — ${tt(c === 'key' ? 'sectionKey' : 'sectionTitle')}`;
  }
  if (top === 'content' && typeof b === 'number') return `${tt('at_narrative', { n: b + 1 })} — ${tt(c === 'key' ? 'narrativeKey' : 'narrativeTitle')}`;
  if (top === 'reminderSchedule') return `${tt('reminders')} — ${tt(String(a))}`;
  return tt(top === 'isActive' ? 'active' : top === 'dueDate' ? 'dueDate' : String(top));
}

/**
 * Puts each field error of an API answer under its field; returns every error as a line for the
 * message above the form (a field may be scrolled out of sight, or be no field at all).
 */
export function showServerErrors(form: FormInstance, err: unknown, lang: string, t: TFunction): string[] {
  if (!(err instanceof ApiError)) return [];
  const en = lang.startsWith('en');
  const lines: string[] = [];
  const fields: { name: NamePath; errors: string[] }[] = [];
  for (const f of err.fields) {
    const raw = en ? f.messageEn : f.message;
    // The message begins with the field's own name ("Tên (dòng 2): …"); the place says it better here.
    const msg = raw.includes(': ') ? raw.slice(raw.indexOf(': ') + 2) : raw;
    const name = formNameOf(f.path);
    if (name) fields.push({ name, errors: [msg] });
    lines.push(`${placeOf(f.path, t)}: ${msg}`);
  }
  form.setFields(fields);
  return lines;
}
