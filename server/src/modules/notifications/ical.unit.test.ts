import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeCalendar } from './ical.js';

describe('iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('Báo cáo; 6 tháng, năm\n2026 \\ hết')).toBe('Báo cáo\\; 6 tháng\\, năm\\n2026 \\\\ hết');
  });

  it('folds at 75 octets without splitting a Vietnamese letter', () => {
    const line = `SUMMARY:${'Hạn nộp báo cáo thi đua của Ủy ban nhân dân phường Đống Đa '.repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      expect(p).not.toContain('\uFFFD');
    });
    // Unfolding gives the line back.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:ok')).toBe('SHORT:ok');
  });

  it('writes all-day events ending the next day, across a month and a leap day', () => {
    const text = writeCalendar({
      name: 'Lịch hạn',
      now: new Date(Date.UTC(2026, 10, 22, 8, 5, 9)),
      events: [
        { uid: 'a@thidua', date: { year: 2028, month: 2, day: 29 }, summary: 'Hạn' },
        { uid: 'b@thidua', date: { year: 2026, month: 12, day: 31 }, summary: 'Cuối năm', description: 'Gửi Phòng Nội vụ', url: 'https://x.example/ke-hoach/1' },
      ],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    expect(text).toContain('DTSTART;VALUE=DATE:20280229\r\nDTEND;VALUE=DATE:20280301');
    expect(text).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101');
    expect(text).toContain('DTSTAMP:20261122T080509Z');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });
});
