import type { TaskList } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { DEMO_PASSWORD } from '../../demo/demo-accounts.js';
import { demoOnFirstStart } from '../../demo/first-start.js';
import { listTasks } from './tasks.service.js';

// The inbox of each demonstration account on 07/12/2026, a week after the yearly report was due
// (30/11): what a newcomer starting `npm start` that day sees on the home page.

let t: TestApp;
const inbox = async (username: string): Promise<TaskList> => {
  const c = new Client(t.app);
  await c.signIn(username, DEMO_PASSWORD);
  const res = await c.get('/api/tasks');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TaskList>();
};
const summary = (l: TaskList) => l.items.map((i) => [i.kind, i.state, i.title]);

beforeAll(async () => {
  t = await testApp({}, { now: '2026-12-07T09:00:00+07:00' });
  await demoOnFirstStart(t.ctx.db, t.ctx.now, {}, () => undefined);
}, 120_000);

describe(listTasks.name, () => {
  it('answers 401 without a session', async () => {
    expect((await new Client(t.app).get('/api/tasks')).statusCode).toBe(401);
  });

  it('gives the teacher left unregistered her registration for the year, and nothing of her colleagues', async () => {
    const l = await inbox('nhanvien');
    expect(summary(l)).toEqual([['registration.self', expect.any(String), 'Đăng ký thi đua năm 2026']]);
    expect(l.items[0]).toMatchObject({ menu: '/dang-ky-thi-dua', link: expect.stringContaining('tab=mine') });
    expect(l.counts).toEqual({ '/dang-ky-thi-dua': 1 });
    expect(l.today).toBe('2026-12-07');
  });

  it("gives the ward's officer the late yearly report, the collective registration and the units below that have not registered or reported", async () => {
    const l = await inbox('canbothidua');
    const yearly = l.items.find((i) => i.kind === 'report.write' && i.dueDate === '2026-11-30')!;
    expect(yearly).toMatchObject({ state: 'overdue', daysLeft: -7, detail: 'Phường Nha Trang', title: 'Hoàn thành và gửi báo cáo kết quả thực hiện văn hóa công sở năm 2026' });
    expect(yearly.link).toMatch(/^\/bao-cao\/\d+$/);
    expect(l.items.find((i) => i.kind === 'registration.collective')).toMatchObject({ detail: expect.stringContaining('Phường Nha Trang') });
    // Of the ward's units, only the school has registered and sent its yearly report.
    const below = await t.ctx.db.selectFrom('units as c').innerJoin('units as w', 'w.id', 'c.parent_id').select('c.id').where('w.code', '=', 'KHA-P-NHATRANG').where('c.status', '=', 'active').execute();
    expect(l.items.find((i) => i.kind === 'registration.units-missing')).toMatchObject({ count: below.length - 1 });
    expect(l.items.find((i) => i.kind === 'report.units-missing' && i.dueDate === '2026-11-30')).toMatchObject({ count: 6, state: 'overdue', title: '6 đơn vị chưa nộp báo cáo kết quả thực hiện văn hóa công sở năm 2026' });
    // Late work first.
    expect(l.items[0]!.state).toBe('overdue');
    // An officer does not take reports in: the head does.
    expect(l.items.some((i) => i.kind === 'report.review')).toBe(false);
  });

  it("gives the ward's head the school's report to take in and a teacher's sheet to score", async () => {
    const l = await inbox('thutruong');
    expect(l.items.find((i) => i.kind === 'report.review')).toMatchObject({ count: 1, detail: expect.stringContaining('Trường Tiểu học') });
    const review = l.items.find((i) => i.kind === 'assessment.review')!;
    expect(review).toMatchObject({ count: 1, title: '1 phiếu đánh giá chờ thủ trưởng chấm điểm', menu: '/danh-gia' });
    expect(review.link).toMatch(/^\/danh-gia\/\d+$/);
    expect(l.counts['/danh-gia']).toBe(1);
  });

  it('gives the council member the sheet the head sent on', async () => {
    const l = await inbox('hoidong');
    expect(summary(l)).toEqual([['assessment.council', 'open', '1 phiếu đánh giá chờ Hội đồng xét']]);
  });

  it("gives the province's standing officer the ward's report that Sở Nội vụ awaits", async () => {
    const l = await inbox('thuongtruc');
    expect(summary(l)).toContainEqual(['report.units-missing', 'overdue', expect.stringContaining('Phường Nha Trang chưa nộp')]);
  });

  it('gives the inspector and the viewer an empty inbox', async () => {
    expect((await inbox('kiemtra')).items).toEqual([]);
    expect((await inbox('xem')).items).toEqual([]);
  });
});
