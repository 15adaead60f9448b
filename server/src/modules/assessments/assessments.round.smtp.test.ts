import type { AssessmentDetail } from '@thidua/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../../test/app.js';
import { newPerson, newUnit, newUser } from '../../../test/factories.js';
import { decodeSubject, decodeText, startSmtpInbox, type SmtpInbox } from '../../../test/smtp-inbox.js';
import { twoServers, type TestServer } from '../../../test/two-servers.js';
import { PGBOSS_SCHEMA } from '../../platform/jobs.js';
import { fullScores, newAssessmentPlan, newRegistration } from './assessments.testing.js';

// THE PROOF of "a notice at every step": a self → head → council round played over two complete
// servers on one database (each step on the other server than the last), with their pg-boss
// workers and a real SMTP server. Each hand-over reaches the next person's mailbox once — and still
// once when every notice job is sent again to both servers.

const PUBLIC_URL = 'https://thidua.example.gov.vn';

describe('an assessment round by mail, on two servers', () => {
  let a: TestServer;
  let b: TestServer;
  let smtp: SmtpInbox;

  beforeAll(async () => {
    smtp = await startSmtpInbox({ delayMs: 50 });
    [a, b] = await twoServers({ publicUrl: PUBLIC_URL, smtpUrl: smtp.url, mailFrom: 'Thi đua - Khen thưởng <no-reply@thidua.example.gov.vn>' });
  });
  afterAll(() => smtp.close());

  const unfinished = async (queue: string) => {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(PGBOSS_SCHEMA, 'job')} WHERE name = ${queue} AND state NOT IN ('completed', 'failed', 'cancelled')`.execute(a.ctx.db);
    return Number(r.rows[0]?.n);
  };
  const settle = () => expect.poll(() => unfinished('notify-users'), { timeout: 30_000 }).toBe(0);
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  const subjects = (address: string) => mailsTo(address).map((m) => decodeSubject(m.raw));

  it('reaches the head, then the council, then the teacher with the classification: one mail each', async () => {
    const db = a.ctx.db;
    const city = await newUnit(db, { kind: 'district', name: 'Thành phố Nha Trang' });
    const school = await newUnit(db, { parent: city, kind: 'school', name: 'Trường THCS Thái Nguyên' });
    const plan = await newAssessmentPlan(db, city);
    const person = await newPerson(db, school, { fullName: 'Nguyễn Thị Hoa' });
    await newRegistration(db, { plan, person, unit: school });
    const accounts = {
      teacher: await newUser(db, { roles: [['staff_member', school]], email: 'hoa@thcs-thainguyen.example.test' }),
      head: await newUser(db, { roles: [['unit_head', school]], email: 'hieutruong@thcs-thainguyen.example.test' }),
      council: await newUser(db, { roles: [['council_member', school]], email: 'hoidong@thcs-thainguyen.example.test' }),
      cityHead: await newUser(db, { roles: [['unit_head', city]], email: 'chutich@nhatrang.example.test' }),
    };
    await db.updateTable('users').set({ person_id: person.id }).where('id', '=', accounts.teacher.id).execute();
    const signedIn = async (server: TestServer, username: string) => {
      const c = new Client(server.app);
      await c.signIn(username);
      return c;
    };

    // The teacher, on server A: self-assesses and sends it to the head.
    const teacher = await signedIn(a, accounts.teacher.username);
    const opened = (await teacher.post('/api/assessments', { movementId: plan.movementId, year: plan.year, personId: person.id })).json() as AssessmentDetail;
    await teacher.request({ method: 'PUT', url: `/api/assessments/${opened.id}/scores`, payload: { revision: opened.revision, scores: fullScores(plan.c, { '1.1': 14, '1.2': 14, '2': 45, '3': 17, '4': true }) } });
    expect((await teacher.post(`/api/assessments/${opened.id}/submit`)).statusCode).toBe(200);
    await settle();
    expect(subjects('hieutruong@thcs-thainguyen.example.test')).toEqual(['Phiếu đánh giá chờ chấm điểm: Nguyễn Thị Hoa']);
    const toHead = decodeText(mailsTo('hieutruong@thcs-thainguyen.example.test')[0]!.raw);
    expect(toHead).toContain('Nguyễn Thị Hoa (Trường THCS Thái Nguyên) đã gửi phiếu tự đánh giá (tự chấm 90 điểm)');
    expect(toHead).toContain(`Xem chi tiết / Open: ${PUBLIC_URL}/danh-gia/${opened.id}`);

    // The head, on server B: scores it and sends it to the council.
    const head = await signedIn(b, accounts.head.username);
    const atReview = (await head.get(`/api/assessments/${opened.id}`)).json() as AssessmentDetail;
    await head.request({ method: 'PUT', url: `/api/assessments/${opened.id}/scores`, payload: { revision: atReview.revision, scores: fullScores(plan.c, { '1.1': 12, '1.2': 13, '2': 40, '3': 15, '4': true }) } });
    expect((await head.post(`/api/assessments/${opened.id}/submit`)).statusCode).toBe(200);
    await settle();
    expect(subjects('hoidong@thcs-thainguyen.example.test')).toEqual(['Phiếu đánh giá chờ Hội đồng xét: Nguyễn Thị Hoa']);

    // The council, on server A: finalises; the teacher learns the classification.
    const council = await signedIn(a, accounts.council.username);
    expect((await council.post(`/api/assessments/${opened.id}/finalise`, {})).statusCode).toBe(200);
    await settle();
    expect(subjects('hoa@thcs-thainguyen.example.test')).toEqual(['Phiếu đánh giá đã hoàn tất: xếp loại Tốt']);
    expect(decodeText(mailsTo('hoa@thcs-thainguyen.example.test')[0]!.raw)).toContain('80 điểm, xếp loại Tốt.');

    // Every notice job sent again, to both servers: no mail twice, no notice twice.
    const jobs = await sql<{ data: never }>`SELECT data FROM ${sql.id(PGBOSS_SCHEMA, 'job')} WHERE name = 'notify-users'`.execute(db);
    expect(jobs.rows).toHaveLength(3);
    for (const job of jobs.rows) await Promise.all([a.ctx.jobs.send('notify-users', job.data), b.ctx.jobs.send('notify-users', job.data)]);
    await settle();
    expect(mailsTo('hieutruong@thcs-thainguyen.example.test')).toHaveLength(1);
    expect(mailsTo('hoidong@thcs-thainguyen.example.test')).toHaveLength(1);
    expect(mailsTo('hoa@thcs-thainguyen.example.test')).toHaveLength(1);
    // Nobody else: not the city's head (the school has its own), nor anyone of their own step.
    expect(smtp.mails).toHaveLength(3);
    const notices = await db.selectFrom('notifications').select(['user_id', 'kind']).orderBy('id').execute();
    expect(notices).toEqual([
      { user_id: accounts.head.id, kind: 'assessment.submitted' },
      { user_id: accounts.council.id, kind: 'assessment.sent_to_council' },
      { user_id: accounts.teacher.id, kind: 'assessment.finalised' },
    ]);
  });
});
