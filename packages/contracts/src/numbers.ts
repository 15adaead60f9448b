// Numbers as a Vietnamese reader writes them (1.234; 17,5 %), and as an English one does (1,234;
// 17.5%): one formatter for the web pages, the server's messages and its documents.

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: string, maximumFractionDigits: number): Intl.NumberFormat {
  const locale = lang.startsWith('en') ? 'en-US' : 'vi-VN';
  const key = `${locale}:${maximumFractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits });
    formatters.set(key, f);
  }
  return f;
}

/** 1234.5 → "1.234,5" (vi) or "1,234.5" (en); at most `decimals` decimals (3 unless told). */
export function formatNumber(n: number, lang: string, decimals = 3): string {
  return formatter(lang, decimals).format(n);
}

/**
 * A share already in per cent: 17.5 → "17,5 %" (vi, with a no-break space so the sign never wraps
 * alone onto the next line) or "17.5%" (en); at most `decimals` decimals (1 unless told).
 */
export function formatPercent(n: number, lang: string, decimals = 1): string {
  const digits = formatNumber(n, lang, decimals);
  return lang.startsWith('en') ? `${digits}%` : `${digits}\u00a0%`;
}

/**
 * Reads a number as typed in either way: "12,5" and "12.5" are 12.5, "1.234" (vi thousands) is
 * 1234 when it cannot be a decimal of the reader's language. Returns null for a blank entry and
 * NaN for anything that is not a number ("abc", "1,2,3").
 */
export function parseTypedNumber(text: string, lang: string): number | null {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/^[−–]/, '-');
  if (t === '') return null;
  const en = lang.startsWith('en');
  const group = en ? ',' : '.';
  const decimal = en ? '.' : ',';
  let s = t;
  // Thousands separators only where they group by three: "1.234.567" (vi), "1,234" (en).
  if (new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`).test(s)) s = s.split(group).join('');
  // Either decimal mark is accepted (a phone keypad may only offer the dot).
  s = s.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}
