import type { MailMessage } from '../../platform/mail.js';

// Reminders to register (nhắc đăng ký thi đua): Vietnamese first, one English paragraph after.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A mail lists at most this many names; the rest are counted, and the board has them all. */
export const MAX_LISTED = 300;

function toHtml(paragraphs: string[], list: string[], link: string, after: string[]): string {
  return [
    ...paragraphs.filter(Boolean).map((l) => `<p>${escapeHtml(l)}</p>`),
    list.length ? `<ol>${list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ol>` : '',
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    ...after.filter(Boolean).map((l) => `<p>${escapeHtml(l)}</p>`),
  ]
    .filter(Boolean)
    .join('\n');
}

export interface ReminderFacts {
  movementName: string;
  year: number;
  unitName: string;
  link: string;
}

/** To a unit's emulation officer or head: who in the unit has not registered yet. */
export function officerReminderMail(
  to: { email: string; displayName: string },
  facts: ReminderFacts,
  missing: { people: { fullName: string; unitName: string }[]; unitNotRegistered: boolean },
): MailMessage {
  const n = missing.people.length;
  const listed = missing.people.slice(0, MAX_LISTED).map((p) => (p.unitName === facts.unitName ? p.fullName : `${p.fullName} (${p.unitName})`));
  const more = n > MAX_LISTED ? [`… và ${n - MAX_LISTED} người khác (xem đầy đủ trên hệ thống).`] : [];
  const vi = [
    `Kính gửi ${to.displayName},`,
    '',
    `Phong trào thi đua "${facts.movementName}" năm ${facts.year}: ${facts.unitName} ${n > 0 ? `còn ${n} cán bộ chưa đăng ký thi đua:` : 'đã có đủ cán bộ đăng ký thi đua.'}`,
  ];
  const after = [
    ...more,
    ...(missing.unitNotRegistered ? [`Đơn vị ${facts.unitName} chưa đăng ký danh hiệu thi đua tập thể.`] : []),
    'Đề nghị đồng chí đôn đốc các cá nhân tự đăng ký, hoặc đăng ký thay cho cán bộ của đơn vị tại địa chỉ dưới đây.',
  ];
  const english = [
    `English: for the movement "${facts.movementName}" (${facts.year}), ${n} people of ${facts.unitName} have not registered yet${missing.unitNotRegistered ? ', nor has the unit as a collective' : ''}. Please remind them or register them at the link above.`,
  ];
  const text = [...vi, ...listed.map((l, i) => `${i + 1}. ${l}`), '', ...after, '', facts.link, '', ...english].join('\n');
  return {
    to: to.email,
    subject: `Nhắc đăng ký thi đua năm ${facts.year}: ${facts.unitName}`,
    text,
    html: toHtml([...vi, ...after], listed, facts.link, english),
  };
}

/** To one person who has not registered yet. */
export function personReminderMail(to: { email: string; fullName: string }, facts: ReminderFacts): MailMessage {
  const vi = [
    `Kính gửi ${to.fullName},`,
    '',
    `Đồng chí chưa đăng ký thi đua năm ${facts.year} trong phong trào "${facts.movementName}" của ${facts.unitName}.`,
    'Đề nghị đồng chí đăng ký danh hiệu thi đua và nội dung cam kết tại mục "Đăng ký của tôi":',
  ];
  const english = [`English: you have not yet registered for "${facts.movementName}" (${facts.year}). Please register at the link above.`];
  return {
    to: to.email,
    subject: `Nhắc đăng ký thi đua năm ${facts.year}`,
    text: [...vi, '', facts.link, '', ...english].join('\n'),
    html: toHtml(vi, [], facts.link, english),
  };
}
