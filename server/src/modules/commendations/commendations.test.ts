import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type Arranged, type MatrixCaller } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newPublishedPlan, newRegistration } from '../../../test/registration-factories.js';
import { docxText } from '../documents/docx.testing.js';
import { pdfPageLines } from '../documents/pdf.testing.js';

// Seed 001's yearly round through the API: a school's round of bình xét proposes each teacher's
// title from the record (with the quota of Chiến sĩ thi đua cơ sở), the council votes in secret, the
// principal issues the decision, and the titles, bonuses and certificates follow. The clock is the
// tests' (15/06/2026): Nghị định 152/2025 is in force and the base salary is 2,340,000 đ.

type Rating = 'hoan_thanh' | 'hoan_thanh_tot' | 'hoan_thanh_xuat_sac';

describe('a round of bình xét, the secret ballot and the decision', () => {
  let t: TestApp;
  let province: TestUnit;

  beforeAll(async () => {
    t = await testApp();
    province = await newUnit(t.ctx.db, { kind: 'province' });
  });

  /** A school with teachers rated for 2025 and registered (or not) for a title, and its council. */
  async function school(teachers: { name: string; rating: Rating; registered?: 'lao_dong_tien_tien' | 'chien_si_thi_dua_co_so' | null; initiative?: boolean }[], councilSize = 3) {
    const { db } = t.ctx;
    const unit = await newUnit(db, { parent: province, kind: 'school', name: `Trường THCS ${Math.random().toString(36).slice(2, 7)}` });
    const plan = await newPublishedPlan(db, unit, { year: 2025 });
    const people: Record<string, number> = {};
    for (const x of teachers) {
      const p = await newPerson(db, unit, { fullName: x.name });
      people[x.name] = p.id;
      await db.insertInto('yearly_ratings').values({ subject: 'individual', person_id: p.id, unit_id: unit.id, year: 2025, rating: x.rating }).execute();
      if (x.registered !== null) await newRegistration(db, { plan, person: p, unit, titleCode: x.registered ?? 'lao_dong_tien_tien' });
      if (x.initiative) await db.insertInto('initiatives').values({ person_id: p.id, unit_id: unit.id, year: 2025, title: 'Sáng kiến', level: 'co_so' }).execute();
    }
    const council: Client[] = [];
    for (let i = 0; i < councilSize; i++) council.push(await clientWith(t, [['council_member', unit]]));
    const officer = await clientWith(t, [['unit_officer', unit]]);
    const principal = await clientWith(t, [['unit_head', unit]]);
    return { unit, people, council, officer, principal };
  }

  const eight = [
    { name: 'Trần Văn An', rating: 'hoan_thanh_xuat_sac', registered: 'chien_si_thi_dua_co_so' },
    { name: 'Lê Thị Bình', rating: 'hoan_thanh_tot', registered: 'chien_si_thi_dua_co_so', initiative: true },
    { name: 'Phạm Văn Cường', rating: 'hoan_thanh_tot' },
    { name: 'Đỗ Thị Dung', rating: 'hoan_thanh_tot' },
    { name: 'Ngô Văn Em', rating: 'hoan_thanh_tot' },
    { name: 'Hồ Thị Giang', rating: 'hoan_thanh_tot' },
    { name: 'Vũ Văn Hải', rating: 'hoan_thanh_tot' },
    { name: 'Mai Thị Khánh', rating: 'hoan_thanh_tot' },
    { name: 'Lý Văn Long', rating: 'hoan_thanh' },
    { name: 'Đinh Thị Mai', rating: 'hoan_thanh_tot', registered: null },
  ] satisfies Parameters<typeof school>[0];

  type Nominee = Record<string, unknown> & { id: number; name: string };
  const byName = (round: { nominations: Nominee[] }, name: string): Nominee => round.nominations.find((n) => n.name === name)!;

  it('runs from the proposals to the decision, the records, the bonuses and the certificates', async () => {
    const s = await school(eight);
    const opened = await s.officer.post('/api/award-rounds', { unitId: s.unit.id, year: 2025 });
    expect(opened.statusCode, opened.body).toBe(201);
    const round = opened.json();
    expect((await s.officer.get('/api/tasks')).json().items).toContainEqual(expect.objectContaining({ kind: 'round.propose', link: `/khen-thuong/${round.id}` }));
    expect(round).toMatchObject({ status: 'proposing', name: 'Bình xét thi đua, khen thưởng năm 2025', proposedOn: '2026-06-15', quotaPercent: 15, ruleBasis: 'Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP', proposed: 8, allowed: ['manage'] });

    // Both are eligible for CSTĐ cơ sở; 15 % of the 8 at Lao động tiên tiến allows one: the first by given name (An) keeps it.
    expect(byName(round, 'Trần Văn An')).toMatchObject({ status: 'proposed', awardCode: 'chien_si_thi_dua_co_so', reason: 'Đủ điều kiện Chiến sĩ thi đua cơ sở', bonus: 2_340_000 });
    expect(byName(round, 'Lê Thị Bình')).toMatchObject({
      status: 'proposed',
      awardCode: 'lao_dong_tien_tien',
      reason: 'Đủ điều kiện Chiến sĩ thi đua cơ sở nhưng vượt tỷ lệ 15 % (tối đa 1 trên 8 người đạt Lao động tiên tiến); đề nghị Lao động tiên tiến',
      bonus: 710_000,
    });
    expect(byName(round, 'Lý Văn Long')).toMatchObject({ status: 'short', awardCode: null, reason: 'Chưa đủ điều kiện Lao động tiên tiến: Năm 2025: hoàn thành nhiệm vụ (yêu cầu: năm 2025 hoàn thành tốt nhiệm vụ trở lên)' });
    expect(byName(round, 'Đinh Thị Mai')).toMatchObject({ status: 'short', reason: 'Chưa đăng ký thi đua năm 2025' });

    // The council's changes: each judged again, a clear 4xx for what the rules or the quota refuse.
    const id = round.id;
    const adjust = (name: string, body: unknown) => s.officer.post(`/api/award-rounds/${id}/nominations/${byName(round, name).id}`, body);
    const overQuota = await adjust('Lê Thị Bình', { action: 'award', awardCode: 'chien_si_thi_dua_co_so' });
    expect(overQuota.statusCode).toBe(422);
    expect(overQuota.json().error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { reason: 'tối đa 1 Chiến sĩ thi đua cơ sở trên 8 người đạt Lao động tiên tiến (15 %)' } });
    const short = await adjust('Lý Văn Long', { action: 'award', awardCode: 'lao_dong_tien_tien' });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.code).toBe('NOMINEE_NOT_ELIGIBLE');
    expect((await adjust('Phạm Văn Cường', { action: 'award', awardCode: 'bang_khen_tinh' })).json().error.code).toBe('AWARD_NOT_IN_AUTHORITY');
    expect((await adjust('Phạm Văn Cường', { action: 'exclude', reason: '' })).statusCode).toBe(400);
    // Taken off, then put back; and a Giấy khen for someone who did not register, which the rules allow.
    expect(byName((await adjust('Vũ Văn Hải', { action: 'exclude', reason: 'Nghỉ việc từ tháng 5' })).json(), 'Vũ Văn Hải')).toMatchObject({ status: 'excluded', note: 'Nghỉ việc từ tháng 5' });
    const mai = await adjust('Đinh Thị Mai', { action: 'award', awardCode: 'giay_khen' });
    expect(mai.statusCode, mai.body).toBe(200);
    expect(byName(mai.json(), 'Đinh Thị Mai')).toMatchObject({ status: 'proposed', awardCode: 'giay_khen' });
    expect((await adjust('Đinh Thị Mai', { action: 'exclude', reason: 'Hội đồng không đề nghị' })).statusCode).toBe(200);

    // A member cannot vote before the vote opens; then the vote opens for the council's three members.
    const list = (await s.officer.get(`/api/award-rounds/${id}`)).json();
    const listed = list.nominations.filter((n: { status: string }) => n.status === 'proposed');
    expect(listed).toHaveLength(7);
    const ballot = (no: string[] = []) => ({ choices: listed.map((n: { id: number; name: string }) => ({ nominationId: n.id, choice: no.includes(n.name) ? 'no' : 'yes' })) });
    expect((await s.council[0]!.post(`/api/award-rounds/${id}/ballot`, ballot())).json().error.code).toBe('ROUND_WRONG_STATUS');
    const voting = await s.officer.post(`/api/award-rounds/${id}/vote/open`);
    expect(voting.statusCode, voting.body).toBe(200);
    expect(voting.json()).toMatchObject({ status: 'voting', vote: { members: 3, voted: 0, quorum: 2, isMember: false } });
    // The list is frozen while the council votes.
    expect((await adjust('Phạm Văn Cường', { action: 'exclude', reason: 'Muộn' })).json().error.code).toBe('ROUND_WRONG_STATUS');

    // Whoever opened the round waits for the votes; each member is asked, in the inbox and the bell.
    expect((await s.officer.get('/api/tasks')).json().items.filter((x: { kind: string }) => x.kind.startsWith('round.'))).toEqual([]);
    const tasks = (await s.council[1]!.get('/api/tasks')).json();
    expect(tasks.items).toContainEqual(expect.objectContaining({ kind: 'round.ballot', title: 'Bỏ phiếu bình xét: Bình xét thi đua, khen thưởng năm 2025', link: `/khen-thuong/${id}` }));

    const first = await s.council[0]!.post(`/api/award-rounds/${id}/ballot`, ballot());
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().vote).toMatchObject({ isMember: true, hasVoted: true, voted: 1 });
    expect(first.json().allowed).toEqual([]);
    // Once only; never for an outsider; never half a ballot.
    expect((await s.council[0]!.post(`/api/award-rounds/${id}/ballot`, ballot())).json().error.code).toBe('BALLOT_ALREADY_CAST');
    expect((await s.principal.post(`/api/award-rounds/${id}/ballot`, ballot())).json().error.code).toBe('BALLOT_NOT_MEMBER');
    const half = await s.council[1]!.post(`/api/award-rounds/${id}/ballot`, { choices: ballot().choices.slice(1) });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.code).toBe('BALLOT_INCOMPLETE');
    // The quorum (2 of 3) is not there yet.
    expect((await s.officer.post(`/api/award-rounds/${id}/vote/close`)).json().error.code).toBe('QUORUM_NOT_MET');
    expect((await s.officer.get(`/api/award-rounds/${id}/minutes.docx`)).json().error.code).toBe('ROUND_WRONG_STATUS');
    // Nobody learns how anyone voted before the close, not even the counts.
    expect((await s.officer.get(`/api/award-rounds/${id}`)).json().nominations.every((n: { votes: unknown }) => n.votes === null)).toBe(true);

    await s.council[1]!.post(`/api/award-rounds/${id}/ballot`, ballot(['Phạm Văn Cường']));
    await s.council[2]!.post(`/api/award-rounds/${id}/ballot`, ballot(['Phạm Văn Cường', 'Trần Văn An']));
    // Every member has voted: the officer who opened the round is asked to count.
    expect((await s.officer.get('/api/tasks')).json().items).toContainEqual(expect.objectContaining({ kind: 'round.count', title: 'Kiểm phiếu: Bình xét thi đua, khen thưởng năm 2025 (đủ 3/3 phiếu)' }));
    const closed = await s.officer.post(`/api/award-rounds/${id}/vote/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const tally = closed.json();
    expect(tally).toMatchObject({ status: 'voted', vote: { members: 3, voted: 3 } });
    // Lao động tiên tiến: more than half of all 3 members (2); CSTĐ cơ sở: 80 % of them (3).
    expect(byName(tally, 'Phạm Văn Cường').votes).toEqual({ yes: 1, no: 2, needed: 2, approved: false });
    expect(byName(tally, 'Trần Văn An').votes).toEqual({ yes: 2, no: 1, needed: 3, approved: false });
    expect(byName(tally, 'Lê Thị Bình').votes).toEqual({ yes: 3, no: 0, needed: 2, approved: true });
    expect((await s.council[2]!.post(`/api/award-rounds/${id}/ballot`, ballot())).json().error.code).toBe('ROUND_WRONG_STATUS');

    // The minutes of the count: the members, the turnout, the share each award needs, each nominee's votes.
    const minutes = docxText((await s.officer.get(`/api/award-rounds/${id}/minutes.docx`)).rawPayload);
    expect(minutes).toContain('BIÊN BẢN');
    expect(minutes).toContain('Tổng số thành viên Hội đồng: 3 người.');
    expect(minutes).toContain('Chiến sĩ thi đua cơ sở: từ 80 % tổng số thành viên Hội đồng (3 phiếu)');
    expect(minutes).toContain('Lao động tiên tiến: trên 50 % tổng số thành viên Hội đồng (2 phiếu)');
    expect(minutes).toContain('Số người đạt số phiếu cần thiết: 5/7.');
    expect((await s.officer.get(`/api/award-rounds/${id}/minutes.pdf`)).headers['content-type']).toBe('application/pdf');

    // The secret: the audit says a ballot was cast, never what it said; no table pairs a voter with an answer.
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'award_round').where('entity_id', '=', String(id)).where('action', '=', 'round.ballot').execute();
    expect(audits).toEqual([{ action: 'round.ballot', after: { ballot: 'cast' } }, { action: 'round.ballot', after: { ballot: 'cast' } }, { action: 'round.ballot', after: { ballot: 'cast' } }]);
    const { rows: columns } = await sql<{ table_name: string }>`select table_name from information_schema.columns where column_name = 'user_id' and table_name in ('round_voters', 'round_members', 'round_nominations')`.execute(t.ctx.db);
    expect(columns.map((c) => c.table_name).sort()).toEqual(['round_members', 'round_voters']);

    // The principal issues the decision; the officer may not.
    expect((await s.principal.get('/api/tasks')).json().items).toContainEqual(expect.objectContaining({ kind: 'round.decide' }));
    const body = { number: 12, signedOn: '2026-06-15', signerName: 'Nguyễn Văn Hiệu' };
    expect((await s.officer.post(`/api/award-rounds/${id}/decision`, body)).statusCode).toBe(403);
    expect((await s.principal.post(`/api/award-rounds/${id}/decision`, { ...body, signedOn: '2026-06-16' })).json().error.fields[0].path).toBe('signedOn');
    const decided = await s.principal.post(`/api/award-rounds/${id}/decision`, body);
    expect(decided.statusCode, decided.body).toBe(200);
    const code = decided.json().decision.code as string;
    expect(code).toMatch(/^QĐ-/);
    // 5 at Lao động tiên tiến approved (Bình, Dung, Em, Giang, Khánh): 0.3 × 2,340,000 = 702,000, rounded up to 710,000 đ each.
    expect(decided.json()).toMatchObject({ status: 'decided', allowed: [], decision: { number: 12, reference: `12/${code}`, signedOn: '2026-06-15', signerName: 'Nguyễn Văn Hiệu', bonusTotal: 5 * 710_000 } });
    expect(byName(decided.json(), 'Phạm Văn Cường').bonus).toBeNull();

    const record = (await s.officer.get(`/api/people/${s.people['Lê Thị Bình']}/record`)).json();
    expect(record.years[0].granted).toEqual([expect.objectContaining({ year: 2025, awardCode: 'lao_dong_tien_tien', kind: 'cong_trang', decisionNumber: `12/${code}`, decidedOn: '2026-06-15', bonusAmount: 710_000 })]);
    expect((await s.officer.get(`/api/people/${s.people['Phạm Văn Cường']}/record`)).json().years[0].granted).toEqual([]);

    const docx = await s.officer.get(`/api/award-rounds/${id}/decision.docx`);
    expect(docx.statusCode).toBe(200);
    const text = docxText(docx.rawPayload);
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain('Về việc công nhận danh hiệu thi đua năm 2025');
    expect(text).toContain('Công nhận danh hiệu “Lao động tiên tiến” cho 5 cá nhân năm 2025 (có danh sách kèm theo).');
    expect(text).toContain('Tổng số tiền thưởng: 3.550.000 đồng');
    expect(text).toContain('Nguyễn Văn Hiệu');
    const pdf = await s.officer.get(`/api/award-rounds/${id}/decision.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const certificates = await s.officer.get(`/api/award-rounds/${id}/certificates.pdf`);
    expect(certificates.statusCode).toBe(200);
    const pages = await pdfPageLines(certificates.rawPayload);
    expect(pages).toHaveLength(5);
    expect(pages[0]!.join(' ')).toContain('GIẤY CHỨNG NHẬN');
    expect(pages.map((p) => p.find((l) => /Thị|Văn/u.test(l)))).toEqual(['Lê Thị Bình', 'Đỗ Thị Dung', 'Ngô Văn Em', 'Hồ Thị Giang', 'Mai Thị Khánh']);
    expect(pages[0]!.join(' ')).toContain(`Quyết định số 12/${code}`);

    // The bonuses are paid from the school's fund on the decision's date, as one entry.
    const fund = (await s.officer.get(`/api/units/${s.unit.id}/fund?year=2026`)).json();
    expect(fund).toMatchObject({ opening: 0, income: 0, payments: 3_550_000, closing: -3_550_000, allowed: ['write'] });
    expect(fund.entries).toEqual([{ id: expect.any(Number), entryDate: '2026-06-15', kind: 'payment', amount: 3_550_000, description: `Chi thưởng theo Quyết định số 12/${code} ngày 15/06/2026 (5 người)`, roundId: id, balance: -3_550_000 }]);

    // Decided: nothing more may change.
    expect((await s.principal.post(`/api/award-rounds/${id}/decision`, { ...body, number: 13 })).json().error.code).toBe('ROUND_WRONG_STATUS');
  });

  it('refuses a second yearly round, a number used twice, and a vote with no council', async () => {
    const s = await school(eight.slice(2, 5), 0);
    const first = (await s.officer.post('/api/award-rounds', { unitId: s.unit.id, year: 2025 })).json();
    const again = await s.officer.post('/api/award-rounds', { unitId: s.unit.id, year: 2025 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ROUND_EXISTS');
    expect((await s.officer.post('/api/award-rounds', { unitId: s.unit.id, year: 2027 })).json().error.fields[0].path).toBe('year');
    const noCouncil = await s.officer.post(`/api/award-rounds/${first.id}/vote/open`);
    expect(noCouncil.statusCode).toBe(422);
    expect(noCouncil.json().error.code).toBe('ROUND_NO_COUNCIL');
    expect((await t.ctx.db.selectFrom('award_rounds').select('status').where('id', '=', first.id).executeTakeFirstOrThrow()).status).toBe('proposing');

    // A number the unit already used this year: a decision of another round (a movement's review).
    const member = await clientWith(t, [['council_member', s.unit]]);
    const review = (await s.officer.post('/api/award-rounds', { unitId: s.unit.id, year: 2025, kind: 'chuyen_de', name: 'Sơ kết phong trào văn hóa công sở' })).json();
    for (const r of [first, review]) {
      await s.officer.post(`/api/award-rounds/${r.id}/vote/open`);
      const listed = (await member.get(`/api/award-rounds/${r.id}`)).json().nominations.filter((n: { status: string }) => n.status === 'proposed');
      await member.post(`/api/award-rounds/${r.id}/ballot`, { choices: listed.map((n: { id: number }) => ({ nominationId: n.id, choice: 'yes' })) });
      await s.officer.post(`/api/award-rounds/${r.id}/vote/close`);
    }
    const body = { number: 7, signedOn: '2026-06-15', signerName: 'Nguyễn Văn Hiệu' };
    expect((await s.principal.post(`/api/award-rounds/${first.id}/decision`, body)).statusCode).toBe(200);
    const reused = await s.principal.post(`/api/award-rounds/${review.id}/decision`, body);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('DECISION_NUMBER_USED');
    expect((await s.principal.get(`/api/award-rounds/${review.id}`)).json().status).toBe('voted');
  });

  it('keeps the unit’s fund: money in, payments, the balance carried from the year before', async () => {
    const s = await school([]);
    const add = (body: unknown) => s.officer.post(`/api/units/${s.unit.id}/fund/entries`, body);
    expect((await add({ entryDate: '2025-12-30', kind: 'income', amount: 20_000_000, description: 'Trích lập quỹ năm 2025' })).statusCode).toBe(201);
    await add({ entryDate: '2026-01-10', kind: 'income', amount: 15_000_000, description: 'Ngân sách cấp năm 2026' });
    const paid = await add({ entryDate: '2026-03-08', kind: 'payment', amount: 2_500_000, description: 'Khen thưởng Hội thi giáo viên dạy giỏi' });
    expect(paid.json()).toMatchObject({ year: 2026, opening: 20_000_000, income: 15_000_000, payments: 2_500_000, closing: 32_500_000 });
    expect(paid.json().entries.map((e: { balance: number }) => e.balance)).toEqual([35_000_000, 32_500_000]);

    // Refused with the reason, and nothing written: a future date, a fraction of a đồng, nothing to say.
    const future = await add({ entryDate: '2026-06-16', kind: 'income', amount: 1, description: 'Sau' });
    expect(future.json().error.fields).toEqual([{ path: 'entryDate', message: 'Ngày: không được sau hôm nay', messageEn: 'Date: cannot be after today' }]);
    expect((await add({ entryDate: '2026-06-01', kind: 'income', amount: 10.5, description: 'Lẻ' })).statusCode).toBe(400);
    expect((await add({ entryDate: '2026-06-01', kind: 'payment', amount: 100_000, description: '  ' })).statusCode).toBe(400);
    expect((await s.officer.get(`/api/units/${s.unit.id}/fund?year=2026`)).json().entries).toHaveLength(2);
    // A staff member as such reads neither the fund nor the rounds.
    const staff = await clientWith(t, [['staff_member', s.unit]]);
    expect((await staff.get(`/api/units/${s.unit.id}/fund?year=2026`)).statusCode).toBe(404);
    expect((await staff.get('/api/award-rounds')).json()).toEqual({ items: [], canOpenAt: [] });
    // A council member reads it, and writes nothing.
    expect((await s.council[0]!.get(`/api/units/${s.unit.id}/fund?year=2026`)).json()).toMatchObject({ closing: 32_500_000, allowed: [] });
  });

  describe('authorisation', () => {
    /** A school with one teacher proposed, its round at `status`, and what the route could change. */
    async function arrange(status: 'proposing' | 'voting' | 'voted', send: (c: Client, roundId: number, nominationId: number) => ReturnType<Client['get']>): Promise<Arranged> {
      const s = await school([{ name: 'Phạm Văn Cường', rating: 'hoan_thanh_tot' }, { name: 'Đỗ Thị Dung', rating: 'hoan_thanh_tot' }], 1);
      const round = (await s.officer.post('/api/award-rounds', { unitId: s.unit.id, year: 2025 })).json();
      if (status !== 'proposing') {
        await s.officer.post(`/api/award-rounds/${round.id}/vote/open`);
        await s.council[0]!.post(`/api/award-rounds/${round.id}/ballot`, { choices: round.nominations.map((n: { id: number }) => ({ nominationId: n.id, choice: 'yes' })) });
      }
      if (status === 'voted') await s.officer.post(`/api/award-rounds/${round.id}/vote/close`);
      const { db } = t.ctx;
      const snapshot = async () => ({
        round: await db.selectFrom('award_rounds').selectAll().where('id', '=', round.id).execute(),
        nominations: await db.selectFrom('round_nominations').selectAll().where('round_id', '=', round.id).orderBy('id').execute(),
        voters: await db.selectFrom('round_voters').selectAll().where('round_id', '=', round.id).execute(),
        decisions: await db.selectFrom('award_decisions').selectAll().where('round_id', '=', round.id).execute(),
      });
      return { unit: s.unit, snapshot, send: (c) => send(c, round.id, round.nominations[0].id) };
    }

    const callers: MatrixCaller[] = [
      { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) },
      // The list says why colleagues fall short: a staff member as such does not read it.
      { name: 'a staff member of the unit', expect: () => 404, client: (u) => clientWith(t, [['staff_member', u]]) },
      { name: 'the unit’s emulation officer', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_officer', u]]) },
      { name: 'the head of another school', expect: () => 404, client: async () => clientWith(t, [['unit_head', await newUnit(t.ctx.db, { parent: province, kind: 'school' })]]) },
      { name: 'a standing officer of the province', expect: (ok) => ok, client: () => clientWith(t, [['standing_officer', province]]) },
      { name: 'a system administrator', expect: (ok) => ok, client: () => adminAt(t, province) },
    ];

    authorisationMatrix(
      () => t,
      [
        { name: 'POST /api/award-rounds/:id/nominations/:nominationId', ok: 200, arrange: () => arrange('proposing', (c, id, n) => c.post(`/api/award-rounds/${id}/nominations/${n}`, { action: 'exclude', reason: 'Chuyển công tác' })) },
        { name: 'POST /api/award-rounds/:id/vote/open', ok: 200, arrange: () => arrange('proposing', (c, id) => c.post(`/api/award-rounds/${id}/vote/open`)) },
        { name: 'POST /api/award-rounds/:id/vote/close', ok: 200, arrange: () => arrange('voting', async (c, id) => c.post(`/api/award-rounds/${id}/vote/close`)) },
      ],
      callers,
    );

    authorisationMatrix(
      () => t,
      [{ name: 'POST /api/award-rounds/:id/decision', ok: 200, arrange: () => arrange('voted', (c, id) => c.post(`/api/award-rounds/${id}/decision`, { number: 3, signedOn: '2026-06-15', signerName: 'Nguyễn Văn Hiệu' })) }],
      [
        ...callers.filter((c) => !c.name.includes('emulation officer')),
        { name: 'the unit’s emulation officer (runs the round, does not sign)', expect: () => 403, client: (u) => clientWith(t, [['unit_officer', u]]) },
        { name: 'the unit’s head', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_head', u]]) },
      ],
    );

    authorisationMatrix(
      () => t,
      [
        {
          name: 'POST /api/units/:id/fund/entries',
          ok: 201,
          arrange: async () => {
            const unit = await newUnit(t.ctx.db, { parent: province, kind: 'school' });
            const snapshot = () => t.ctx.db.selectFrom('award_fund_entries').selectAll().where('unit_id', '=', unit.id).execute();
            return { unit, snapshot, send: (c) => c.post(`/api/units/${unit.id}/fund/entries`, { entryDate: '2026-06-01', kind: 'income', amount: 5_000_000, description: 'Ngân sách cấp' }) };
          },
        },
      ],
      [
        ...callers,
        { name: 'the unit’s head', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_head', u]]) },
        { name: 'a council member of the unit (reads, does not write)', expect: () => 403, client: (u) => clientWith(t, [['council_member', u]]) },
      ],
    );

    it('POST /api/award-rounds refuses a unit outside the caller’s subtree, and changes nothing', async () => {
      const other = await newUnit(t.ctx.db, { parent: province, kind: 'school' });
      const c = await clientWith(t, [['unit_officer', await newUnit(t.ctx.db, { parent: province, kind: 'school' })]]);
      const res = await c.post('/api/award-rounds', { unitId: other.id, year: 2025 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('unitId');
      expect(await t.ctx.db.selectFrom('award_rounds').select('id').where('unit_id', '=', other.id).execute()).toEqual([]);
    });
  });
});
