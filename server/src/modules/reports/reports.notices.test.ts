import type { Role } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate, type TestReportTemplate } from '../../../test/report-factories.js';
import type { inlineJobs } from '../../platform/jobs.js';

// The notices of a periodic report's hand-overs (thông báo): sent → the recipient unit's reviewers;
// returned (with the reason), accepted, unlocked → the reporting unit's writers; taken back → the
// reviewers. Each once, in Vietnamese with the link, never to the one who took the step.

const PUBLIC_URL = 'https://thidua.example.gov.vn';

describe('report notices', () => {
  let t: TestApp;
  let province: TestUnit;
  let template: TestReportTemplate;
  let provinceHead: Member;
  let standing: Member;
  let provinceOfficer: Member;

  interface Member {
    id: number;
    email: string;
    client: Client;
  }

  beforeAll(async () => {
    t = await testApp({ publicUrl: PUBLIC_URL });
    province = await newUnit(t.ctx.db, { kind: 'province', name: 'UBND tỉnh Khánh Hòa' });
    // The six months' report, due 31/5: sent on 15/06 (the tests' day) it is 15 days late.
    template = await newReportTemplate(t.ctx.db, { planUnit: province, periodKind: 'six_months', reporterKinds: ['commune'], name: 'Báo cáo văn hóa công sở' });
    provinceHead = await member([['unit_head', province]]);
    standing = await member([['standing_officer', province]]);
    // An officer of the province writes but does not review: never told of a commune's report.
    provinceOfficer = await member([['unit_officer', province]]);
  });

  const drain = () => (t.ctx.jobs as ReturnType<typeof inlineJobs>).drain();

  async function member(roles: [Role, TestUnit][]): Promise<Member> {
    const user = await newUser(t.ctx.db, { roles });
    const client = new Client(t.app);
    await client.signIn(user.username);
    return { id: user.id, email: `${user.username}@example.test`, client };
  }

  async function commune(name: string) {
    const unit = await newUnit(t.ctx.db, { parent: province, kind: 'commune', name });
    const report = await newReport(t.ctx.db, { template, unit, recipient: province, year: 2026, values: { events: 3, posted_rate: 100, has_rules: true } });
    return { unit, report, officer: await member([['unit_officer', unit]]), head: await member([['unit_head', unit]]) };
  }

  const notices = (userId: number) => t.ctx.db.selectFrom('notifications').select(['kind', 'title', 'body', 'link', 'channel']).where('user_id', '=', userId).orderBy('id').execute();
  /** The kinds of notice a user has about one report (the province's people hear of every commune's). */
  const kinds = async (userId: number, reportId?: number) => (await notices(userId)).filter((n) => reportId === undefined || n.link === `/bao-cao/${reportId}`).map((n) => n.kind);
  const mailsTo = (email: string) => t.mails.filter((m) => m.to === email);

  async function step(c: Client, url: string, body?: unknown) {
    const res = await c.post(url, body);
    expect(res.statusCode, res.body).toBe(200);
    await drain();
  }

  it('sent: the recipient’s head and standing officer, told it came late; not the sender, not the commune’s head', async () => {
    const c = await commune('Phường Nha Trang');
    await step(c.officer.client, `/api/reports/${c.report.id}/submit`);
    for (const reviewer of [provinceHead, standing]) {
      expect(await kinds(reviewer.id)).toEqual(['report.submitted']);
      expect(mailsTo(reviewer.email)).toHaveLength(1);
    }
    const [n] = await notices(standing.id);
    expect(n).toMatchObject({ title: 'Báo cáo chờ tiếp nhận: Báo cáo văn hóa công sở – Phường Nha Trang', link: `/bao-cao/${c.report.id}`, channel: 'email' });
    expect(n!.body).toContain('Phường Nha Trang đã gửi báo cáo "Báo cáo văn hóa công sở" kỳ 6 tháng đầu năm 2026 đến UBND tỉnh Khánh Hòa (trễ hạn 15 ngày, hạn 31/05/2026).');
    expect(mailsTo(standing.email)[0]!.text).toContain(`${PUBLIC_URL}/bao-cao/${c.report.id}`);
    expect(mailsTo(standing.email)[0]!.text).toContain('(English: Phường Nha Trang sent the report "Báo cáo văn hóa công sở" for First half of 2026, 15 days late;');
    for (const other of [c.officer, c.head, provinceOfficer]) expect(await notices(other.id)).toEqual([]);
  });

  it('returned with the reason, sent again, accepted, unlocked: each reaches the commune’s writers once', async () => {
    const c = await commune('Xã Cam Lâm');
    await step(c.officer.client, `/api/reports/${c.report.id}/submit`);
    await step(provinceHead.client, `/api/reports/${c.report.id}/return`, { reason: 'Thiếu số liệu tuyên truyền quý II' });
    for (const writer of [c.officer, c.head]) expect(await kinds(writer.id)).toEqual(['report.returned']);
    const [returned] = await notices(c.head.id);
    expect(returned!.title).toBe('Báo cáo bị trả lại: Báo cáo văn hóa công sở – 6 tháng đầu năm 2026');
    expect(returned!.body).toContain('UBND tỉnh Khánh Hòa (Người dùng');
    expect(returned!.body).toContain('Lý do: Thiếu số liệu tuyên truyền quý II');
    expect(mailsTo(c.officer.email)[0]!.text).toContain('Lý do: Thiếu số liệu tuyên truyền quý II');
    // The province's head returned it: not told of their own step; the standing officer not of it either.
    expect(await kinds(provinceHead.id, c.report.id)).toEqual(['report.submitted']);

    // Sent again: a new notice for the reviewers, not a repeat swallowed.
    await step(c.officer.client, `/api/reports/${c.report.id}/submit`);
    expect(await kinds(standing.id, c.report.id)).toEqual(['report.submitted', 'report.submitted']);

    // Accepted: information, in the app only by default.
    await step(standing.client, `/api/reports/${c.report.id}/accept`);
    expect(await kinds(c.officer.id)).toEqual(['report.returned', 'report.accepted']);
    const accepted = (await notices(c.officer.id))[1]!;
    expect(accepted).toMatchObject({ channel: 'app', title: 'Báo cáo đã được tiếp nhận: Báo cáo văn hóa công sở – 6 tháng đầu năm 2026' });
    expect(accepted.body).toContain('báo cáo đã khóa');
    expect(mailsTo(c.officer.email)).toHaveLength(1);

    // Unlocked for a correction: with the reason, by mail.
    await step(standing.client, `/api/reports/${c.report.id}/lock-exception`, { reason: 'Sửa tỷ lệ niêm yết theo số liệu mới' });
    expect(await kinds(c.head.id)).toEqual(['report.returned', 'report.accepted', 'report.unlocked']);
    expect((await notices(c.head.id))[2]!.body).toContain('Lý do: Sửa tỷ lệ niêm yết theo số liệu mới');
    expect(mailsTo(c.head.email).map((m) => m.subject)).toEqual([
      'Báo cáo bị trả lại: Báo cáo văn hóa công sở – 6 tháng đầu năm 2026',
      'Báo cáo được mở khóa để sửa: Báo cáo văn hóa công sở – 6 tháng đầu năm 2026',
    ]);
    expect(await kinds(standing.id, c.report.id)).toEqual(['report.submitted', 'report.submitted']);
  });

  it('taken back by the commune: the reviewers learn it in the app', async () => {
    const c = await commune('Xã Đại Lãnh');
    await step(c.head.client, `/api/reports/${c.report.id}/submit`);
    await step(c.officer.client, `/api/reports/${c.report.id}/recall`);
    expect(await kinds(provinceHead.id)).toContain('report.recalled');
    const recalled = (await notices(standing.id)).filter((n) => n.kind === 'report.recalled');
    expect(recalled).toHaveLength(1);
    expect(recalled[0]).toMatchObject({ channel: 'app', title: 'Báo cáo được rút về: Báo cáo văn hóa công sở – Xã Đại Lãnh' });
    // The head who sent it hears nothing of the officer's recall: only reviewers are told.
    expect(await notices(c.head.id)).toEqual([]);
  });
});
