import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createMailer, smtpTransportOptions } from '../../platform/mail.js';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUser } from '../../../test/factories.js';
import { startSmtpInbox, type SmtpInbox } from '../../../test/smtp-inbox.js';

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), as nodemailer writes a Vietnamese subject. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(decodeQuotedPrintable(text.replace(/_/g, ' ')), 'latin1').toString('utf8'),
    );
}

function decodeQuotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The decoded text/plain part of a raw message. */
function plainText(raw: string): string {
  const part = /Content-Type: text\/plain[^\r\n]*\r\n(?:Content-Transfer-Encoding: ([\w-]+)\r\n)?\r\n([\s\S]*?)(?:\r\n--|$)/i.exec(raw);
  if (!part) throw new Error('no text/plain part');
  const [, encoding = '7bit', body = ''] = part;
  if (encoding.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding.toLowerCase() === 'quoted-printable') return Buffer.from(decodeQuotedPrintable(body), 'latin1').toString('utf8');
  return body;
}

describe('password reset mail through a real SMTP server', () => {
  let t: TestApp;
  let smtp: SmtpInbox;

  beforeAll(async () => {
    // smtp-server offers STARTTLS with a self-signed certificate, as a local relay often does.
    smtp = await startSmtpInbox();
    t = await testApp({ publicUrl: 'https://thidua.example.gov.vn' });
  });
  afterAll(() => smtp.close());

  it('speaks to a relay on this machine without STARTTLS, unless the URL asks for it', () => {
    expect(smtpTransportOptions('smtp://127.0.0.1:2525')).toEqual({ url: 'smtp://127.0.0.1:2525', ignoreTLS: true });
    expect(smtpTransportOptions('smtp://localhost')).toMatchObject({ ignoreTLS: true });
    expect(smtpTransportOptions('smtp://user:pass@mail.example.gov.vn:587')).toEqual({ url: 'smtp://user:pass@mail.example.gov.vn:587' });
  });

  it('delivers the Vietnamese reset mail whose link then works', async () => {
    const config = { ...t.ctx.config, smtpUrl: smtp.url, mailFrom: 'Thi đua - Khen thưởng <no-reply@thidua.example.gov.vn>' };
    const app = await buildApp({ ...t.ctx, config, mailer: createMailer(config, t.app.log) }, { logger: false });
    await app.ready();
    try {
      const user = await newUser(t.ctx.db);
      const c = new Client(app);
      const arrived = smtp.next();
      expect((await c.post('/api/auth/password/forgot', { login: user.username })).statusCode).toBe(200);
      await arrived;

      const mail = smtp.mails.at(-1)!;
      expect(mail.to).toEqual([`${user.username}@example.test`]);
      const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(mail.raw)![1]!;
      expect(decodeWords(subject.replace(/\r\n/g, ''))).toBe('Đặt lại mật khẩu tài khoản thi đua - khen thưởng');
      const text = plainText(mail.raw);
      expect(text).toContain('Xin chào Người dùng');
      const token = /dat-lai-mat-khau\?token=([A-Za-z0-9_-]+)/.exec(text)![1]!;

      expect((await c.post('/api/auth/password/reset', { token, password: 'mat-khau-qua-thu-dien-tu' })).statusCode).toBe(200);
      await new Client(app).signIn(user.username, 'mat-khau-qua-thu-dien-tu');
    } finally {
      await app.close();
    }
  });
});
