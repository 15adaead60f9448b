// Text with a length limit: a counter that turns red past the limit, and a refusal that says so
// ("Ghi chú: tối đa 2.000 ký tự (đang có 3.200)"). The text is never cut: antd's maxLength silently
// dropped what was pasted beyond it (a 3,200-character note became 2,000 and "Đã lưu").
import { formatNumber, lengthProblem, type Label } from '@thidua/contracts';
import type { InputProps } from 'antd';
import type { Rule } from 'antd/es/form';

/** Counted as the server counts: without the spaces around the text. */
const counted = (v: string) => v.trim().length;

/** The `count` of an antd Input or TextArea: "3.200 / 2.000", red when over, nothing cut. */
export function limitCount(max: number, lang: string): NonNullable<InputProps['count']> {
  return { max, strategy: counted, show: ({ count }) => `${formatNumber(count, lang)} / ${formatNumber(max, lang)}` };
}

/** Why a text is refused for its length, in the reader's language, or null when it fits. */
export function lengthError(text: string | null | undefined, max: number, field: Label, lang: string): string | null {
  const p = lengthProblem(text, max, field);
  return p ? (lang.startsWith('en') ? p.messageEn : p.message) : null;
}

/** A Form rule refusing a text over its limit with the message table's words. */
export function lengthRule(max: number, label: string, lang: string): Rule {
  return {
    validator: (_, v: string | null | undefined) => {
      const msg = lengthError(v, max, { vi: label, en: label }, lang);
      return msg ? Promise.reject(new Error(msg)) : Promise.resolve();
    },
  };
}
