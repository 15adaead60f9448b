import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser } from '../../../test/factories.js';
import { newMovement, newPublishedPlan } from '../../../test/registration-factories.js';

interface Received {
  to: string[];
  raw: string;
}

/** RFC 2047 encoded words, as nodemailer writes a Vietnamese subject. */
function decodeSubject(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

// The production path: the reminder goes through pg-boss on the test database, and the mails
// through nodemailer to a real SMTP server on this machine.
describe('registration reminders through pg-boss and SMTP', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const inbox: Received[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    // The server's own job handlers on the real queue, mailing through the SMTP server above.
    t = await testApp(
      { publicUrl: 'https://thidua.example.gov.vn', smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Thi đua - Khen thưởng <no-reply@thidua.example.gov.vn>' },
      { pgBoss: true, smtp: true },
    );
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('mails the officer the list and the unregistered person their own reminder', async () => {
    const db = t.ctx.db;
    const city = await newUnit(db, { kind: 'district' });
    const school = await newUnit(db, { parent: city, kind: 'school', name: 'Trường Tiểu học Đống Đa' });
    const movement = await newMovement(db, city, { name: 'Thi đua thực hiện văn hóa công sở' });
    await newPublishedPlan(db, city, { movement });
    await newUser(db, { roles: [['unit_officer', school]], email: 'canbo@truong.example.test' });
    const teacher = await newPerson(db, school, { fullName: 'Đỗ Thị Nguyệt' });
    const account = await newUser(db, { email: 'nguyet@truong.example.test' });
    await db.updateTable('users').set({ person_id: teacher.id }).where('id', '=', account.id).execute();

    const officer = await clientWith(t, [['unit_officer', city]]);
    const res = await officer.post('/api/registrations/reminders', { movementId: movement.id, year: 2025, unitIds: [school.id] });
    expect(res.statusCode, res.body).toBe(202);

    await expect.poll(() => inbox.length, { timeout: 15_000 }).toBe(2);
    const byTo = new Map(inbox.map((m) => [m.to[0], m]));
    expect([...byTo.keys()].sort()).toEqual(['canbo@truong.example.test', 'nguyet@truong.example.test']);
    expect(decodeSubject(byTo.get('canbo@truong.example.test')!.raw)).toBe('Nhắc đăng ký thi đua năm 2025: Trường Tiểu học Đống Đa');
    expect(decodeSubject(byTo.get('nguyet@truong.example.test')!.raw)).toBe('Nhắc đăng ký thi đua năm 2025');
    // The job records what it sent once the last mail is out: wait for that, not for the inbox.
    const reminder = () => db.selectFrom('registration_reminders').selectAll().where('unit_id', '=', school.id).executeTakeFirstOrThrow();
    await expect.poll(async () => (await reminder()).mail_count, { timeout: 15_000 }).toBe(2);
    expect(await reminder()).toMatchObject({ unregistered_count: 1, mail_count: 2, failure: null });
  });
});
