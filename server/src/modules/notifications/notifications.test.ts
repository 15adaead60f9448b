import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { adminAt } from '../../../test/clients.js';
import { auditCount, newPerson, newUnit, newUser } from '../../../test/factories.js';
import { newMovement, newPublishedPlan } from '../../../test/registration-factories.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { deliverOnce } from '../../platform/notify.js';
import { planDeadlineEntries } from './notifications.service.js';

const PUBLIC_URL = 'https://thidua.example.gov.vn';

describe('notification centre and deadlines feed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ publicUrl: PUBLIC_URL });
  });

  /** A signed-in user with `n` notices, the newest last; returns the client and the notice ids. */
  async function userWithNotices(n: number) {
    const user = await newUser(t.ctx.db);
    const ids: number[] = [];
    for (let i = 1; i <= n; i++) {
      const r = await deliverOnce(t.ctx, { key: `notice-${i}`, userId: user.id, title: `Thông báo số ${i}`, body: `Nội dung ${i}`, link: `/ke-hoach/${i}` });
      ids.push(r.notificationId!);
      // Distinct creation times, so "newest first" is observable.
      await t.ctx.db.updateTable('notifications').set({ created_at: new Date(Date.UTC(2026, 4, i, 8, 0)) }).where('id', '=', r.notificationId!).execute();
    }
    const c = new Client(t.app);
    await c.signIn(user.username);
    return { user, c, ids };
  }
  const readAt = async (id: number) => (await t.ctx.db.selectFrom('notifications').select('read_at').where('id', '=', id).executeTakeFirstOrThrow()).read_at;

  describe('GET /api/notifications', () => {
    it('lists only my notices, newest first, paged, with the unread count', async () => {
      const { c, ids } = await userWithNotices(3);
      await userWithNotices(2);
      const res = await c.get('/api/notifications?pageSize=2');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
      expect(body.items.map((n: { id: number }) => n.id)).toEqual([ids[2], ids[1]]);
      expect(body.items[0]).toMatchObject({ title: 'Thông báo số 3', body: 'Nội dung 3', link: '/ke-hoach/3', readAt: null, createdAt: '2026-05-03T08:00:00.000Z' });
      expect((await c.get('/api/notifications?page=2&pageSize=2')).json().items.map((n: { id: number }) => n.id)).toEqual([ids[0]]);
    });

    it('filters the unread ones and rejects a page size out of range with a readable message', async () => {
      const { c, ids } = await userWithNotices(2);
      await c.post(`/api/notifications/${ids[0]}/read`);
      const unread = (await c.get('/api/notifications?unread=true')).json();
      expect(unread).toMatchObject({ total: 1, unread: 1 });
      expect(unread.items[0].id).toBe(ids[1]);
      const bad = await c.get('/api/notifications?pageSize=5000');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  // Notices are personal: the "matrix" is the owner, another user, a system administrator and nobody.
  describe('POST /api/notifications/:id/read', () => {
    it('marks my notice read once and keeps the first time', async () => {
      const { c, ids } = await userWithNotices(2);
      const res = await c.post(`/api/notifications/${ids[0]}/read`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().readAt).not.toBeNull();
      const first = await readAt(ids[0]!);
      expect((await c.post(`/api/notifications/${ids[0]}/read`)).json().readAt).toBe(first!.toISOString());
      expect(await readAt(ids[1]!)).toBeNull();
      expect((await c.get('/api/notifications')).json().unread).toBe(1);
    });

    it("answers 404 for another user's notice, even to a system administrator, and leaves it unread", async () => {
      const { ids } = await userWithNotices(1);
      const other = (await userWithNotices(0)).c;
      const admin = await adminAt(t, await newUnit(t.ctx.db));
      for (const c of [other, admin]) {
        const res = await c.post(`/api/notifications/${ids[0]}/read`);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect((await new Client(t.app).post(`/api/notifications/${ids[0]}/read`)).statusCode).toBe(401);
      expect(await readAt(ids[0]!)).toBeNull();
    });
  });

  describe('POST /api/notifications/read-all', () => {
    it("marks all mine read and nobody else's", async () => {
      const mine = await userWithNotices(3);
      const theirs = await userWithNotices(2);
      const res = await mine.c.post('/api/notifications/read-all');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ updated: 3 });
      expect((await mine.c.get('/api/notifications')).json().unread).toBe(0);
      expect((await theirs.c.get('/api/notifications')).json().unread).toBe(2);
      expect((await new Client(t.app).post('/api/notifications/read-all')).statusCode).toBe(401);
    });
  });

  describe('iCalendar feed', () => {
    async function feedFor(c: Client): Promise<string> {
      const res = await c.post('/api/calendar/token');
      expect(res.statusCode, res.body).toBe(201);
      const url = new URL(res.json().url as string);
      expect(url.origin).toBe(PUBLIC_URL);
      return url.pathname;
    }

    it('gives each deadline of the published plans at or above my units, once a year, stable across fetches', async () => {
      const db = t.ctx.db;
      const city = await newUnit(db, { kind: 'district', name: 'UBND thành phố Hải Dương' });
      const ward = await newUnit(db, { parent: city, kind: 'commune', name: 'UBND phường Trần Phú' });
      const school = await newUnit(db, { parent: city, kind: 'school', name: 'Trường THCS Lê Lợi' });
      const sibling = await newUnit(db, { parent: city, kind: 'commune' });
      const movement = await newMovement(db, city, { name: 'Văn hóa công sở', startYear: 2025, endYear: 2026 });
      const cityPlan = await newPublishedPlan(db, city, { movement, title: 'Kế hoạch thực hiện văn hóa công sở' });
      const wardPlan = await newPublishedPlan(db, ward, { movement, title: 'Kế hoạch của phường' });
      const siblingPlan = await newPublishedPlan(db, sibling, { movement, title: 'Kế hoạch của đơn vị khác' });
      const draft = await newPublishedPlan(db, city, { movement, status: 'draft', title: 'Bản nháp' });
      const deadline = (planId: number, day: number, month: number, text: string, year: number | null = null) =>
        db.insertInto('plan_deadlines').values({ plan_id: planId, day, month, year, period: 'năm', text, recipient_text: 'Phòng Nội vụ', position: 0 }).execute();
      await deadline(cityPlan.id, 30, 11, 'Báo cáo tổng kết, đề nghị khen thưởng');
      await deadline(wardPlan.id, 15, 12, 'Báo cáo kết quả của phường', 2026);
      await deadline(siblingPlan.id, 1, 12, 'Không phải của tôi');
      await deadline(draft.id, 2, 12, 'Chưa ban hành');

      // An officer of the ward, and a teacher whose person record is at the school.
      const officer = await newUser(db, { roles: [['unit_officer', ward]] });
      const oc = new Client(t.app);
      await oc.signIn(officer.username);
      const teacher = await newUser(db);
      const person = await newPerson(db, school, { fullName: 'Phạm Thị Hoa' });
      await db.updateTable('users').set({ person_id: person.id }).where('id', '=', teacher.id).execute();
      const tc = new Client(t.app);
      await tc.signIn(teacher.username);

      const path = await feedFor(oc);
      const anonymous = new Client(t.app);
      const res = await anonymous.get(path);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const ics = res.body;
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      const unfolded = ics.replace(/\r\n /g, '');
      const events = unfolded.split('BEGIN:VEVENT').slice(1);
      // The city plan's yearly deadline in 2025 and 2026, and the ward's own for 2026.
      expect(events).toHaveLength(3);
      expect(unfolded).toContain(`UID:plan-deadline-`);
      expect(unfolded).toContain('DTSTART;VALUE=DATE:20251130');
      expect(unfolded).toContain('DTSTART;VALUE=DATE:20261130');
      expect(unfolded).toContain('DTSTART;VALUE=DATE:20261215');
      expect(unfolded).toContain('SUMMARY:Hạn: Báo cáo tổng kết\\, đề nghị khen thưởng');
      expect(unfolded).toContain(`URL:${PUBLIC_URL}/ke-hoach/${cityPlan.id}`);
      expect(unfolded).not.toContain('Không phải của tôi');
      expect(unfolded).not.toContain('Chưa ban hành');
      const uids = (s: string) => [...s.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]).sort();
      expect(uids((await anonymous.get(path)).body)).toEqual(uids(ics));

      // The teacher's feed follows their person's unit: the city's deadlines, not the ward's.
      const teacherIcs = (await anonymous.get(await feedFor(tc))).body.replace(/\r\n /g, '');
      expect(teacherIcs.match(/BEGIN:VEVENT/g)).toHaveLength(2);
      expect(teacherIcs).not.toContain('Báo cáo kết quả của phường');
    });

    it('replaces the URL on rotation, audited, and the old one stops working', async () => {
      const user = await newUser(t.ctx.db);
      const c = new Client(t.app);
      await c.signIn(user.username);
      expect((await c.get('/api/calendar/token')).json()).toEqual({ exists: false, createdAt: null });
      const audits = await auditCount(t.ctx.db);
      const first = await feedFor(c);
      const second = await feedFor(c);
      expect(second).not.toBe(first);
      expect(await auditCount(t.ctx.db)).toBe(audits + 2);
      expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
      expect((await c.get('/api/calendar/token')).json().exists).toBe(true);
      const anonymous = new Client(t.app);
      expect((await anonymous.get(first)).statusCode).toBe(404);
      expect((await anonymous.get(second)).statusCode).toBe(200);
      expect((await anonymous.get('/api/calendar/khong-phai-ma-hop-le-aaaaaaaa.ics')).statusCode).toBe(404);
      expect((await anonymous.get('/api/calendar/ngan.ics')).statusCode).toBe(400);
      expect((await anonymous.post('/api/calendar/token')).statusCode).toBe(401);
    });

    it('stops serving the feed of a disabled account', async () => {
      const user = await newUser(t.ctx.db);
      const c = new Client(t.app);
      await c.signIn(user.username);
      const path = await feedFor(c);
      await t.ctx.db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
      expect((await new Client(t.app).get(path)).statusCode).toBe(404);
    });
  });

  describe(planDeadlineEntries.name, () => {
    const row = { id: 5, day: 29, month: 2, year: null, period: 'năm', text: 'Hạn', recipient_text: null, plan_id: 1, plan_title: 'KH', unit_name: 'Phường', start_year: 2027, end_year: 2028 };
    it('falls on the last day of February in a year without the 29th', () => {
      expect(planDeadlineEntries(row).map((e) => [e.uid, e.date])).toEqual([
        ['plan-deadline-5-2027@thidua', { year: 2027, month: 2, day: 28 }],
        ['plan-deadline-5-2028@thidua', { year: 2028, month: 2, day: 29 }],
      ]);
    });
  });
});
