import type { Role } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newMovement, newPublishedPlan } from '../../../test/registration-factories.js';
import type { inlineJobs } from '../../platform/jobs.js';

// A plan published (ban hành) reaches the units directly below, which adopt it (áp dụng): their
// emulation officers, or their head where they have none — not the units further down, not the
// issuer's neighbours, not the one who published it. A new version is a new notice.

describe('plan notices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ publicUrl: 'https://thidua.example.gov.vn' });
  });
  const drain = () => (t.ctx.jobs as ReturnType<typeof inlineJobs>).drain();

  async function member(roles: [Role, TestUnit][]) {
    const user = await newUser(t.ctx.db, { roles });
    const client = new Client(t.app);
    await client.signIn(user.username);
    return { id: user.id, email: `${user.username}@example.test`, client };
  }
  const notices = (userId: number) => t.ctx.db.selectFrom('notifications').select(['kind', 'title', 'body', 'link', 'channel']).where('user_id', '=', userId).orderBy('id').execute();
  const mailsTo = (email: string) => t.mails.filter((m) => m.to === email);

  it('reaches the officers of the units directly below, or their head where they have no officer', async () => {
    const db = t.ctx.db;
    const city = await newUnit(db, { kind: 'district', name: 'Thành phố Nha Trang' });
    const ward = await newUnit(db, { parent: city, kind: 'commune', name: 'Phường Trần Phú' });
    const neighbour = await newUnit(db, { parent: city, kind: 'commune', name: 'Phường Tây Nha Trang' });
    const schoolA = await newUnit(db, { parent: ward, kind: 'school', name: 'Trường Tiểu học Hứa Tạo' });
    const schoolB = await newUnit(db, { parent: ward, kind: 'school', name: 'Trường Mầm non Hoa Sen' });
    await newUnit(db, { parent: ward, kind: 'school', name: 'Trường THCS không có tài khoản' });
    const branch = await newUnit(db, { parent: schoolA, kind: 'school', name: 'Điểm trường Hứa Tạo 2' });

    const publisher = await member([['unit_officer', ward]]);
    const wardHead = await member([['unit_head', ward]]);
    const officerA = await member([['unit_officer', schoolA]]);
    const headA = await member([['unit_head', schoolA]]);
    const headB = await member([['unit_head', schoolB]]);
    const branchOfficer = await member([['unit_officer', branch]]);
    const neighbourOfficer = await member([['unit_officer', neighbour]]);

    const movement = await newMovement(db, city, { name: 'Văn hóa công sở' });
    const plan = await newPublishedPlan(db, ward, { movement, status: 'draft', title: 'Kế hoạch thực hiện văn hóa công sở năm 2026' });
    await db.updateTable('plans').set({ number: '25', code: 'KH-UBND' }).where('id', '=', plan.id).execute();
    const published = await publisher.client.post(`/api/plans/${plan.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    await drain();

    for (const u of [officerA, headB]) {
      const list = await notices(u.id);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ kind: 'plan.published', channel: 'email', title: 'Kế hoạch cấp trên cần áp dụng: Kế hoạch thực hiện văn hóa công sở năm 2026', link: `/ke-hoach/${plan.id}` });
      expect(list[0]!.body).toBe(
        'Phường Trần Phú đã ban hành Kế hoạch số 25/KH-UBND "Kế hoạch thực hiện văn hóa công sở năm 2026" (phong trào "Văn hóa công sở"). Đề nghị đơn vị áp dụng và cụ thể hóa kế hoạch cho đơn vị mình.',
      );
      expect(mailsTo(u.email)).toHaveLength(1);
      expect(mailsTo(u.email)[0]!.text).toContain(`https://thidua.example.gov.vn/ke-hoach/${plan.id}`);
    }
    for (const u of [publisher, wardHead, headA, branchOfficer, neighbourOfficer]) expect(await notices(u.id)).toEqual([]);

    // A new version, published: the same officers hear of it again, told to look at what changed.
    const version = await publisher.client.post(`/api/plans/${plan.id}/versions`);
    expect(version.statusCode, version.body).toBe(201);
    const v2 = version.json().id as number;
    expect((await publisher.client.post(`/api/plans/${v2}/publish`)).statusCode).toBe(200);
    await drain();
    const [, second] = await notices(officerA.id);
    expect(second).toMatchObject({ kind: 'plan.published', title: 'Kế hoạch cấp trên có phiên bản mới: Kế hoạch thực hiện văn hóa công sở năm 2026', link: `/ke-hoach/${v2}` });
    expect(second!.body).toContain('đã ban hành phiên bản 2 của Kế hoạch số 25/KH-UBND');
    expect(await notices(headB.id)).toHaveLength(2);
    expect(await notices(publisher.id)).toEqual([]);
  });
});
