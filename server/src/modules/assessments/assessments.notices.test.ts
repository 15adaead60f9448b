import type { AssessmentDetail, Role } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import type { inlineJobs } from '../../platform/jobs.js';
import { fullScores, newAssessmentPlan, newRegistration, personWithAccount, type PersonAccount } from './assessments.testing.js';

// The notices of the assessment round (thông báo): each hand-over reaches the next person — the
// nearest head, the nearest council, the sheet's owner — once, in the app and by mail, with the
// reason or the classification and the link to the sheet; never the one who took the step.

const PUBLIC_URL = 'https://thidua.example.gov.vn';

describe('assessment notices', () => {
  let t: TestApp;
  let plan: Awaited<ReturnType<typeof newAssessmentPlan>>;
  let city: TestUnit;
  let cityHead: Member;
  let cityCouncil: Member;

  interface Member {
    id: number;
    email: string;
    client: Client;
  }

  beforeAll(async () => {
    t = await testApp({ publicUrl: PUBLIC_URL });
    const province = await newUnit(t.ctx.db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    city = await newUnit(t.ctx.db, { parent: province, kind: 'district', name: 'Thành phố Nha Trang' });
    plan = await newAssessmentPlan(t.ctx.db, city);
    cityHead = await member([['unit_head', city]]);
    cityCouncil = await member([['council_member', city]]);
    // A province's head and council: never reached while the city has its own.
    await member([['unit_head', province]]);
    await member([['council_member', province]]);
  });

  const drain = () => (t.ctx.jobs as ReturnType<typeof inlineJobs>).drain();

  async function member(roles: [Role, TestUnit][]): Promise<Member> {
    const user = await newUser(t.ctx.db, { roles });
    const client = new Client(t.app);
    await client.signIn(user.username);
    return { id: user.id, email: `${user.username}@example.test`, client };
  }

  /** A school of the city with its head, council member and emulation officer. */
  async function school(name = 'Trường THCS Thái Nguyên') {
    const unit = await newUnit(t.ctx.db, { parent: city, kind: 'school', name });
    return { unit, head: await member([['unit_head', unit]]), council: await member([['council_member', unit]]), officer: await member([['unit_officer', unit]]) };
  }

  async function teacher(unit: TestUnit, fullName: string, roles?: [Role, TestUnit][]) {
    const p = await personWithAccount(t, unit, { fullName, ...(roles ? { roles } : {}) });
    await newRegistration(t.ctx.db, { plan, person: { id: p.personId }, unit });
    const email = (await t.ctx.db.selectFrom('users').select('email').where('id', '=', p.userId).executeTakeFirstOrThrow()).email!;
    return { ...p, id: p.userId, email };
  }

  const notices = (userId: number) =>
    t.ctx.db.selectFrom('notifications').select(['kind', 'title', 'body', 'link', 'channel', 'read_at']).where('user_id', '=', userId).orderBy('id').execute();
  const mailsTo = (email: string) => t.mails.filter((m) => m.to === email);
  const kinds = async (userId: number) => (await notices(userId)).map((n) => n.kind);

  async function openAndSubmit(p: PersonAccount, scores = { '1.1': 14, '1.2': 14, '2': 45, '3': 17, '4': true }) {
    const opened = (await p.client.post('/api/assessments', { movementId: plan.movementId, year: plan.year, personId: p.personId })).json() as AssessmentDetail;
    const saved = await p.client.request({ method: 'PUT', url: `/api/assessments/${opened.id}/scores`, payload: { revision: opened.revision, scores: fullScores(plan.c, scores) } });
    expect(saved.statusCode, saved.body).toBe(200);
    const sent = await p.client.post(`/api/assessments/${opened.id}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    await drain();
    return opened.id;
  }

  async function review(head: Member, id: number, scores = { '1.1': 12, '1.2': 13, '2': 40, '3': 15, '4': true }) {
    const a = (await head.client.get(`/api/assessments/${id}`)).json() as AssessmentDetail;
    const saved = await head.client.request({ method: 'PUT', url: `/api/assessments/${id}/scores`, payload: { revision: a.revision, scores: fullScores(plan.c, scores) } });
    expect(saved.statusCode, saved.body).toBe(200);
    const sent = await head.client.post(`/api/assessments/${id}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    await drain();
  }

  it('self → head → council: the school’s head, then its council, then the teacher with the classification, each once', async () => {
    const s = await school();
    const hoa = await teacher(s.unit, 'Nguyễn Thị Hoa');
    const id = await openAndSubmit(hoa);

    // Sent to the head: the school's head, not the city's, not the officer, not the teacher.
    const [toHead] = await notices(s.head.id);
    expect(await kinds(s.head.id)).toEqual(['assessment.submitted']);
    expect(toHead).toMatchObject({ title: 'Phiếu đánh giá chờ chấm điểm: Nguyễn Thị Hoa', link: `/danh-gia/${id}`, channel: 'email', read_at: null });
    expect(toHead!.body).toContain('Nguyễn Thị Hoa (Trường THCS Thái Nguyên) đã gửi phiếu tự đánh giá (tự chấm 90 điểm)');
    expect(toHead!.body).toContain('phong trào "CBCCVC thi đua thực hiện văn hóa công sở" năm 2025');
    const [mail] = mailsTo(s.head.email);
    expect(mailsTo(s.head.email)).toHaveLength(1);
    expect(mail!.subject).toBe('Phiếu đánh giá chờ chấm điểm: Nguyễn Thị Hoa');
    expect(mail!.text).toContain('Kính gửi Người dùng');
    expect(mail!.text).toContain('(English: The self-assessment of Nguyễn Thị Hoa (Trường THCS Thái Nguyên) (90 points) waits for your review.)');
    expect(mail!.text).toContain(`${PUBLIC_URL}/danh-gia/${id}`);
    for (const other of [cityHead, s.council, s.officer]) expect(await notices(other.id)).toEqual([]);
    expect(await notices(hoa.id)).toEqual([]);

    // Sent to the council: the school's council member, not the city's; the head hears nothing of their own step.
    await review(s.head, id);
    expect(await kinds(s.council.id)).toEqual(['assessment.sent_to_council']);
    const [toCouncil] = await notices(s.council.id);
    expect(toCouncil!.title).toBe('Phiếu đánh giá chờ Hội đồng xét: Nguyễn Thị Hoa');
    expect(toCouncil!.body).toContain('đã chấm phiếu đánh giá của Nguyễn Thị Hoa (Trường THCS Thái Nguyên): 80 điểm (tự chấm 90)');
    expect(mailsTo(s.council.email)).toHaveLength(1);
    expect(await kinds(s.head.id)).toEqual(['assessment.submitted']);
    expect(await notices(cityCouncil.id)).toEqual([]);

    // Finalised: the teacher learns the score and the classification; the council member nothing of their own step.
    const done = await s.council.client.post(`/api/assessments/${id}/finalise`, {});
    expect(done.statusCode, done.body).toBe(200);
    await drain();
    const [final] = await notices(hoa.id);
    expect(await kinds(hoa.id)).toEqual(['assessment.finalised']);
    expect(final).toMatchObject({ title: 'Phiếu đánh giá đã hoàn tất: xếp loại Tốt', link: `/danh-gia/${id}` });
    expect(final!.body).toContain('Nguyễn Thị Hoa (Trường THCS Thái Nguyên)');
    expect(final!.body).toContain(': 80 điểm, xếp loại Tốt.');
    expect(mailsTo(hoa.email).map((m) => m.subject)).toEqual(['Phiếu đánh giá đã hoàn tất: xếp loại Tốt']);
    expect(await kinds(s.council.id)).toEqual(['assessment.sent_to_council']);
    expect(mailsTo(s.head.email)).toHaveLength(1);
  });

  it('a return reaches the owner with the reason; sent and returned again, each is a new notice', async () => {
    const s = await school('Trường THCS Lý Thường Kiệt');
    const nam = await teacher(s.unit, 'Trần Văn Nam');
    const id = await openAndSubmit(nam);
    const back = await s.head.client.post(`/api/assessments/${id}/return`, { reason: 'Thiếu minh chứng tiêu chí 2' });
    expect(back.statusCode, back.body).toBe(200);
    await drain();
    const [returned] = await notices(nam.id);
    expect(returned!.kind).toBe('assessment.returned');
    expect(returned!.title).toBe('Phiếu đánh giá bị trả lại: Trần Văn Nam');
    expect(returned!.body).toContain('về bước tự đánh giá.\nLý do: Thiếu minh chứng tiêu chí 2');
    expect(mailsTo(nam.email)[0]!.text).toContain('Lý do: Thiếu minh chứng tiêu chí 2');

    // Sent again and returned again: two more notices, not swallowed as repeats.
    expect((await nam.client.post(`/api/assessments/${id}/submit`)).statusCode).toBe(200);
    await drain();
    expect((await s.head.client.post(`/api/assessments/${id}/return`, { reason: 'Tiêu chí 3 chấm quá cao' })).statusCode).toBe(200);
    await drain();
    expect(await kinds(s.head.id)).toEqual(['assessment.submitted', 'assessment.submitted']);
    expect((await notices(nam.id)).map((n) => n.body.split('Lý do: ')[1])).toEqual(['Thiếu minh chứng tiêu chí 2', 'Tiêu chí 3 chấm quá cao']);
    expect(mailsTo(nam.email)).toHaveLength(2);
    expect(mailsTo(s.head.email)).toHaveLength(2);
  });

  it('the council returns to the head who sent it on, or to the teacher', async () => {
    const s = await school('Trường THCS Trần Phú');
    const deputy = await member([['unit_head', s.unit]]);
    const lan = await teacher(s.unit, 'Lê Thị Lan');
    const id = await openAndSubmit(lan);
    // Both heads of the school hear of the sheet; the deputy scores it and sends it on.
    expect(await kinds(deputy.id)).toEqual(['assessment.submitted']);
    await review(deputy, id);
    const toHead = await s.council.client.post(`/api/assessments/${id}/return`, { reason: 'Đề nghị chấm lại tiêu chí 2' });
    expect(toHead.statusCode, toHead.body).toBe(200);
    await drain();
    expect(await kinds(deputy.id)).toEqual(['assessment.submitted', 'assessment.returned']);
    expect(await kinds(s.head.id)).toEqual(['assessment.submitted']);
    const [, returned] = await notices(deputy.id);
    expect(returned!.body).toContain('Hội đồng Thi đua - Khen thưởng');
    expect(returned!.body).toContain('về bước thủ trưởng chấm điểm.\nLý do: Đề nghị chấm lại tiêu chí 2');
    expect(await notices(lan.id)).toEqual([]);

    await review(deputy, id);
    expect((await s.council.client.post(`/api/assessments/${id}/return`, { reason: 'Bổ sung minh chứng', to: 'self' })).statusCode).toBe(200);
    await drain();
    expect(await kinds(lan.id)).toEqual(['assessment.returned']);
    expect((await notices(lan.id))[0]!.body).toContain('Lý do: Bổ sung minh chứng');
  });

  it('reaches the nearest level that has someone: the city’s head for a school without one, never oneself', async () => {
    const bare = await newUnit(t.ctx.db, { parent: city, kind: 'school', name: 'Trường Tiểu học Vĩnh Hải' });
    const binh = await teacher(bare, 'Phạm Văn Bình');
    await openAndSubmit(binh);
    expect(await kinds(cityHead.id)).toEqual(['assessment.submitted']);

    // The only head of a school sends their own sheet: it goes up to the city's head, not to themself.
    const lone = await newUnit(t.ctx.db, { parent: city, kind: 'school', name: 'Trường THCS Nguyễn Huệ' });
    const headTeacher = await teacher(lone, 'Võ Thị Hạnh', [['unit_head', lone]]);
    const id = await openAndSubmit(headTeacher);
    expect(await notices(headTeacher.id)).toEqual([]);
    expect((await notices(cityHead.id)).filter((n) => n.link === `/danh-gia/${id}`).map((n) => n.title)).toEqual(['Phiếu đánh giá chờ chấm điểm: Võ Thị Hạnh']);
  });

  it('a collective’s sheet goes to the head above the unit, and its finalised notice to the unit’s officer and head', async () => {
    const s = await school('Trường Tiểu học Phước Hải');
    await newRegistration(t.ctx.db, { plan, unit: s.unit });
    const opened = (await s.officer.client.post('/api/assessments', { movementId: plan.movementId, year: plan.year, unitId: s.unit.id })).json() as AssessmentDetail;
    const scores = [
      { criterionId: plan.c.col['1'], points: 28 },
      { criterionId: plan.c.col['2'], points: 45 },
      { criterionId: plan.c.col['3'], points: 18 },
    ];
    await s.officer.client.request({ method: 'PUT', url: `/api/assessments/${opened.id}/scores`, payload: { revision: opened.revision, scores } });
    expect((await s.officer.client.post(`/api/assessments/${opened.id}/submit`)).statusCode).toBe(200);
    await drain();
    // The school's own head may not review the school: the city's does.
    expect(await notices(s.head.id)).toEqual([]);
    const [toCity] = (await notices(cityHead.id)).filter((n) => n.link === `/danh-gia/${opened.id}`);
    expect(toCity!.title).toBe('Phiếu đánh giá chờ chấm điểm: Trường Tiểu học Phước Hải');
    expect(toCity!.body).toContain('đã gửi phiếu tự đánh giá của tập thể Trường Tiểu học Phước Hải');

    const a = (await cityHead.client.get(`/api/assessments/${opened.id}`)).json() as AssessmentDetail;
    await cityHead.client.request({ method: 'PUT', url: `/api/assessments/${opened.id}/scores`, payload: { revision: a.revision, scores } });
    expect((await cityHead.client.post(`/api/assessments/${opened.id}/submit`)).statusCode).toBe(200);
    await drain();
    expect(await kinds(s.council.id)).toEqual(['assessment.sent_to_council']);
    const done = await s.council.client.post(`/api/assessments/${opened.id}/finalise`, { overrideReason: 'Chưa có phiếu cá nhân' });
    expect(done.statusCode, done.body).toBe(200);
    await drain();
    expect(await kinds(s.officer.id)).toEqual(['assessment.finalised']);
    expect(await kinds(s.head.id)).toEqual(['assessment.finalised']);
    expect((await notices(s.officer.id))[0]!.body).toContain('tập thể Trường Tiểu học Phước Hải');
    expect((await notices(s.officer.id))[0]!.title).toBe('Phiếu đánh giá đã hoàn tất: xếp loại Xuất sắc');
  });

  it('a reopened sheet tells its owner, in the app only by default', async () => {
    const s = await school('Trường THCS Chu Văn An');
    const an = await teacher(s.unit, 'Đỗ Văn An');
    const id = await openAndSubmit(an);
    await review(s.head, id);
    expect((await s.council.client.post(`/api/assessments/${id}/finalise`, {})).statusCode).toBe(200);
    await drain();
    const reopened = await s.council.client.post(`/api/assessments/${id}/reopen`, { reason: 'Có quyết định kỷ luật mới' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    await drain();
    expect(await kinds(an.id)).toEqual(['assessment.finalised', 'assessment.reopened']);
    const last = (await notices(an.id))[1]!;
    expect(last).toMatchObject({ channel: 'app', title: 'Phiếu đánh giá được mở lại: Đỗ Văn An' });
    expect(last.body).toContain('Lý do: Có quyết định kỷ luật mới');
    expect(mailsTo(an.email)).toHaveLength(1);
  });
});
