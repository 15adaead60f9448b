// A small RFC 5545 (iCalendar) writer: all-day events only, which is all a deadline needs.
// Lines end in CRLF, are folded at 75 octets (never inside a UTF-8 character) and TEXT values
// are escaped (backslash, semicolon, comma, newline).

export interface AllDay {
  year: number;
  month: number;
  day: number;
}

export interface IcsEvent {
  /** Stable across fetches, so calendar apps update the event instead of adding a copy. */
  uid: string;
  date: AllDay;
  summary: string;
  description?: string;
  /** Absolute URL of the page in the web app. */
  url?: string;
}

export interface IcsCalendar {
  name: string;
  description?: string;
  events: IcsEvent[];
  /** DTSTAMP of every event: when the feed was produced. */
  now: Date;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line at 75 octets: continuation lines start with a space (§3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; each continuation holds 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateValue = (d: AllDay) => `${pad(d.year, 4)}${pad(d.month)}${pad(d.day)}`;
const utcStamp = (d: Date) =>
  `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;

/** The next calendar day (all-day events end the day after, exclusive). */
function nextDay(d: AllDay): AllDay {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The whole VCALENDAR, CRLF line endings included. */
export function writeCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//thidua//Lich han bao cao//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
    ...(cal.description ? [`X-WR-CALDESC:${escapeText(cal.description)}`] : []),
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(cal.now)}`,
      `DTSTART;VALUE=DATE:${dateValue(e.date)}`,
      `DTEND;VALUE=DATE:${dateValue(nextDay(e.date))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.url ? [`URL:${e.url}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
