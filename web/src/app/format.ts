import dayjs, { type Dayjs } from 'dayjs';

/** Dates are shown dd/mm/yyyy everywhere; the API carries ISO yyyy-mm-dd. */
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATETIME_FORMAT = 'DD/MM/YYYY HH:mm:ss';

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format(DATE_FORMAT) : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format(DATETIME_FORMAT) : value;
}

/** A DatePicker value as the API wants it. */
export function toIsoDate(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

export function fromIsoDate(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang.startsWith('en') ? 'en-US' : 'vi-VN').format(n);
}
