import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** Dates are shown dd/mm/yyyy everywhere; the API carries ISO yyyy-mm-dd. */
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATETIME_FORMAT = 'DD/MM/YYYY HH:mm:ss';

/** Vietnam is UTC+7 all year (no daylight saving): a fixed offset is exact. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A value as a Vietnam clock shows it, whatever the device's time zone: deadlines are Vietnam days
 * (a report sent at 23:30 on 30/11 in Hà Nội is on time), so the times beside them are Vietnam's
 * too. A calendar date (yyyy-mm-dd) is a date, not an instant, and stays as it is.
 */
function inVietnam(value: string): Dayjs {
  return DATE_ONLY.test(value) ? dayjs(value) : dayjs(value).utcOffset(VIETNAM_OFFSET_MINUTES);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = inVietnam(value);
  return d.isValid() ? d.format(DATE_FORMAT) : value;
}

/** dd/mm/yyyy hh:mm:ss in Vietnam time; without the seconds where minutes are enough. */
export function formatDateTime(value: string | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (!value) return '';
  const d = inVietnam(value);
  return d.isValid() ? d.format(opts.seconds === false ? 'DD/MM/YYYY HH:mm' : DATETIME_FORMAT) : value;
}

/** hh:mm in Vietnam time. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = inVietnam(value);
  return d.isValid() ? d.format('HH:mm') : value;
}

/** A DatePicker value as the API wants it. */
export function toIsoDate(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

export function fromIsoDate(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

/**
 * Numbers and percentages the Vietnamese way (1.234; 17,5 %), the English way in English: the one
 * formatter of every page, shared with the server's messages and documents.
 */
export { formatNumber, formatPercent, parseTypedNumber } from '@thidua/contracts';

/** The text with its first letter upper case, as a label starting a line ("Hoàn thành tốt nhiệm vụ"). */
export const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
