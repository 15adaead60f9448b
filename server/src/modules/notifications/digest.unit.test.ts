import { describe, expect, it } from 'vitest';
import { digestMail } from './digest.js';

describe('digestMail', () => {
  it('lists each notice with its Vietnam time, its body indented and its link absolute; the day as dd/mm/yyyy', () => {
    const mail = digestMail('https://thidua.example.gov.vn/', '2026-06-15', 'Nguyễn Thị Hoa', [
      { title: 'Phiếu đánh giá bị trả lại: Trần Văn Nam', body: 'Thủ trưởng đã trả lại.\nLý do: Thiếu minh chứng', link: '/danh-gia/7', created_at: new Date('2026-06-15T01:30:00Z') },
      { title: 'Báo cáo đã được tiếp nhận', body: 'Đã khóa.', link: null, created_at: new Date('2026-06-15T16:59:00Z') },
    ]);
    expect(mail.subject).toBe('Tóm tắt thông báo ngày 15/06/2026 (2 thông báo)');
    expect(mail.text).toContain('Kính gửi Nguyễn Thị Hoa,');
    expect(mail.text).toContain('1. Phiếu đánh giá bị trả lại: Trần Văn Nam (08:30)\n   Thủ trưởng đã trả lại.\n   Lý do: Thiếu minh chứng\n   https://thidua.example.gov.vn/danh-gia/7\n');
    // 16:59 UTC is 23:59 in Vietnam; a notice without a link has no link line.
    expect(mail.text).toContain('2. Báo cáo đã được tiếp nhận (23:59)\n   Đã khóa.\n\n');
    expect(mail.text).toContain('(English: your daily digest of 2 unread notices for 15/06/2026.)');
  });

  it('says "notice" for one', () => {
    const mail = digestMail('https://thidua.example.gov.vn', '2026-12-31', 'A', [{ title: 'T', body: 'B', link: '/x', created_at: new Date('2026-12-31T09:00:00Z') }]);
    expect(mail.subject).toBe('Tóm tắt thông báo ngày 31/12/2026 (1 thông báo)');
    expect(mail.text).toContain('digest of 1 unread notice for 31/12/2026');
  });
});
