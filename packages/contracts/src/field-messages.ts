// The one table of what can be wrong with a typed value, in Vietnamese and English, each message
// naming the field as the user sees it ("Tiêu chí 1.2: điểm tối đa là 25, không nhận 40"). The
// server builds its VALIDATION_FAILED fields from it and the web checks a value with the same words
// before sending it, so the reader sees one message for one mistake wherever it is caught.
import { formatNumber } from './numbers.js';

/** A name in both languages: a field's label, a criterion ("Tiêu chí 1.2"), an indicator's own label. */
export interface Label {
  vi: string;
  en: string;
}

/** A value put into a message: a number is written in the reader's way, a label in the reader's language. */
export type FieldParam = string | number | Label;
export type FieldParams = Record<string, FieldParam>;

export const fieldProblemTable = {
  required: { vi: '{field}: bắt buộc nhập', en: '{field}: required' },
  too_long: { vi: '{field}: tối đa {max} ký tự (đang có {actual})', en: '{field}: at most {max} characters ({actual} now)' },
  too_short: { vi: '{field}: cần ít nhất {min} ký tự', en: '{field}: at least {min} characters' },
  not_a_number: { vi: '{field}: “{value}” không phải là một số', en: '{field}: “{value}” is not a number' },
  not_an_integer: { vi: '{field}: cần một số nguyên, không nhận {value}', en: '{field}: a whole number is needed, not {value}' },
  above_max: { vi: '{field}: tối đa là {max}, không nhận {value}', en: '{field}: at most {max}, not {value}' },
  below_min: { vi: '{field}: tối thiểu là {min}, không nhận {value}', en: '{field}: at least {min}, not {value}' },
  too_precise: { vi: '{field}: chỉ lấy tối đa {decimals} chữ số thập phân, không nhận {value}', en: '{field}: at most {decimals} decimals, not {value}' },
  too_many: { vi: '{field}: tối đa {max} mục (đang có {actual})', en: '{field}: at most {max} items ({actual} now)' },
  too_few: { vi: '{field}: cần ít nhất {min} mục', en: '{field}: at least {min} items' },
  wrong_type: { vi: '{field}: sai kiểu dữ liệu', en: '{field}: wrong kind of value' },
  not_allowed: { vi: '{field}: giá trị không nằm trong danh sách cho phép', en: '{field}: not one of the allowed values' },
  not_a_date: { vi: '{field}: ngày không hợp lệ (dd/mm/yyyy)', en: '{field}: not a valid date (dd/mm/yyyy)' },
  not_an_email: { vi: '{field}: địa chỉ thư điện tử không hợp lệ', en: '{field}: not a valid e-mail address' },
  wrong_format: { vi: '{field}: sai định dạng', en: '{field}: wrong format' },
  unknown_field: { vi: '{field}: có trường không được phép ({keys})', en: '{field}: unknown field ({keys})' },
  invalid: { vi: '{field}: giá trị không hợp lệ', en: '{field}: not a valid value' },
  /** A schema's own bilingual message ("… / …"), after the field's name. */
  custom: { vi: '{field}: {text}', en: '{field}: {text}' },
  // Scores of an assessment (đánh giá): the field is the criterion, "Tiêu chí 1.2".
  points_above_max: { vi: '{field}: điểm tối đa là {max}, không nhận {value}', en: '{field}: at most {max} points, not {value}' },
  points_negative: { vi: '{field}: điểm không được âm, không nhận {value}', en: '{field}: points cannot be negative, not {value}' },
  points_expected: { vi: '{field} chấm bằng điểm, không chấm đạt/không đạt', en: '{field} is scored in points, not met / not met' },
  met_expected: { vi: '{field} không có điểm; chỉ chọn đạt hoặc không đạt', en: '{field} has no points; choose met or not met' },
  criterion_is_group: { vi: '{field} là nhóm; điểm của nhóm là tổng các tiêu chí con', en: '{field} is a group; its points are the sum of its sub-criteria' },
  criterion_not_in_plan: { vi: '{field} không thuộc kế hoạch của phiếu này', en: '{field} is not in this assessment’s plan' },
  criterion_twice: { vi: '{field} được gửi hai lần', en: '{field} is sent twice' },
  // Periodic reports (báo cáo định kỳ): the field is the indicator or the narrative section.
  not_yes_no: { vi: '{field}: chỉ chọn Có hoặc Không', en: '{field}: choose yes or no' },
  not_text: { vi: '{field}: cần nhập văn bản', en: '{field}: text is needed' },
  not_in_template: { vi: '{field}: mẫu báo cáo không có mục này', en: '{field}: the report template has no such item' },
} as const satisfies Record<string, Label>;

export type FieldProblem = keyof typeof fieldProblemTable;

/** One field's message in both languages, as an error response carries it. */
export interface FieldMessage {
  message: string;
  messageEn: string;
}

function fill(template: string, lang: 'vi' | 'en', params: FieldParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const p = params[name];
    if (p === undefined) return whole;
    if (typeof p === 'number') return formatNumber(p, lang, 6);
    if (typeof p === 'string') return p;
    return p[lang];
  });
}

/** The message of one problem with one field, e.g. fieldMessage('too_long', label('note'), { max: 2000, actual: 3200 }). */
export function fieldMessage(problem: FieldProblem, field: Label, params: FieldParams = {}): FieldMessage {
  const t = fieldProblemTable[problem];
  const all = { ...params, field };
  return { message: fill(t.vi, 'vi', all), messageEn: fill(t.en, 'en', all) };
}

/** The message in one language. */
export function fieldMessageText(problem: FieldProblem, field: Label, params: FieldParams, lang: string): string {
  const m = fieldMessage(problem, field, params);
  return lang.startsWith('en') ? m.messageEn : m.message;
}

/** A criterion as the sheet shows it: "Tiêu chí 1.2". */
export const criterionLabel = (code: string): Label => ({ vi: `Tiêu chí ${code}`, en: `Criterion ${code}` });

/** A criterion's note: "Tiêu chí 1.2 — ghi chú". */
export const criterionNoteLabel = (code: string): Label => ({ vi: `Tiêu chí ${code} — ghi chú`, en: `Criterion ${code} — note` });

/** A name the user typed (an indicator's label, a narrative's title): the same in both languages. */
export const typedLabel = (text: string): Label => ({ vi: `“${text}”`, en: `“${text}”` });

/** The longest note on a criterion's score and on a piece of evidence. */
export const NOTE_MAX = 2000;

/**
 * Checks a length limit the way a form shows it: null when the text fits, else the message
 * ("Ghi chú: tối đa 2.000 ký tự (đang có 3.200)"). The text is never cut to fit.
 */
export function lengthProblem(text: string | null | undefined, max: number, field: Label): FieldMessage | null {
  const actual = (text ?? '').trim().length;
  return actual > max ? fieldMessage('too_long', field, { max, actual }) : null;
}
