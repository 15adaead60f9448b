// CSV as Excel opens it: UTF-8 with a byte order mark (so the Vietnamese letters show), CRLF line
// ends, a field quoted when it holds a comma, a quote or a line break.

/** One field: quoted when it must be, blank for null. */
export function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/u.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A whole file from its rows. */
export function csvFile(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}
