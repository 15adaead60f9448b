import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser } from '../../../test/factories.js';
import { newMovement, newPublishedPlan } from '../../../test/registration-factories.js';
import { decodeSubject, startSmtpInbox, type SmtpInbox } from '../../../test/smtp-inbox.js';

// The production path: the reminder goes through pg-boss on the test database, and the mails
// through nodemailer to a real SMTP server on this machine.
describe('registration reminders through pg-boss and SMTP', () => {
  let t: TestApp;
  let smtp: SmtpInbox;

  beforeAll(async () => {
    smtp = await startSmtpInbox();
    // The server's own job handlers on the real queue, mailing through the SMTP server above.
    t = await testApp(
      { publicUrl: 'https://thidua.example.gov.vn', smtpUrl: smtp.url, mailFrom: 'Thi đua - Khen thưởng <no-reply@thidua.example.gov.vn>' },
      { pgBoss: true, smtp: true },
    );
  });
  afterAll(() => smtp.close());

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

    await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBe(2);
    const byTo = new Map(smtp.mails.map((m) => [m.to[0], m]));
    expect([...byTo.keys()].sort()).toEqual(['canbo@truong.example.test', 'nguyet@truong.example.test']);
    expect(decodeSubject(byTo.get('canbo@truong.example.test')!.raw)).toBe('Nhắc đăng ký thi đua năm 2025: Trường Tiểu học Đống Đa');
    expect(decodeSubject(byTo.get('nguyet@truong.example.test')!.raw)).toBe('Nhắc đăng ký thi đua năm 2025');
    // The job records what it sent once the last mail is out: wait for that, not for the inbox.
    const reminder = () => db.selectFrom('registration_reminders').selectAll().where('unit_id', '=', school.id).executeTakeFirstOrThrow();
    await expect.poll(async () => (await reminder()).mail_count, { timeout: 15_000 }).toBe(2);
    expect(await reminder()).toMatchObject({ unregistered_count: 1, mail_count: 2, failure: null });
  });
});
