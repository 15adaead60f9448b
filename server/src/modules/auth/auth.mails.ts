import type { MailMessage } from '../../platform/mail.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The password-reset e-mail: Vietnamese first, one English paragraph for non-Vietnamese readers. */
export function passwordResetMail(to: { email: string; displayName: string; username: string }, link: string, ttlMinutes: number): MailMessage {
  const vi = [
    `Xin chào ${to.displayName},`,
    '',
    `Hệ thống thi đua - khen thưởng vừa nhận yêu cầu đặt lại mật khẩu cho tài khoản "${to.username}".`,
    `Mở liên kết dưới đây trong vòng ${ttlMinutes} phút để đặt mật khẩu mới (liên kết chỉ dùng được một lần):`,
  ];
  const after = [
    'Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.',
    '',
    `English: a password reset was requested for the account "${to.username}". Open the link above within ${ttlMinutes} minutes to choose a new password; if you did not ask for it, ignore this e-mail.`,
  ];
  const text = [...vi, '', link, '', ...after].join('\n');
  const html = [
    ...vi.filter(Boolean).map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    ...after.filter(Boolean).map((l) => `<p>${escapeHtml(l)}</p>`),
  ].join('\n');
  return { to: to.email, subject: 'Đặt lại mật khẩu tài khoản thi đua - khen thưởng', text, html };
}
