import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { newUnit } from '../../test/factories.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { demoOnFirstStart } from './first-start.js';
import { TEST_NOW, testClock } from '../platform/clock.js';

const now = testClock(TEST_NOW).now;

describe(demoOnFirstStart.name, () => {
  it('seeds an empty database once and prints the accounts at every start', async () => {
    const { db } = await testDatabase();
    const first = await demoOnFirstStart(db, now, {}, () => undefined);
    expect(first).toContain('thuongtruc');
    expect(first).toContain(DEMO_PASSWORD);
    const units = await db.selectFrom('units').select('id').execute();
    // The movement is played through the services: the ward's plan, the school's adoption with its
    // own criterion, and registrations — all but the demo teacher's, which is left to try.
    const plans = await db.selectFrom('plans').select(['id', 'status', 'parent_plan_id', 'number', 'code']).orderBy('id').execute();
    expect(plans.map((p) => [p.status, p.parent_plan_id === null, `${p.number}/${p.code}`])).toEqual([
      ['published', true, '25/KH-UBND'],
      ['published', false, '12/KH-THNT'],
    ]);
    const added = await db.selectFrom('plan_criteria').select('text').where('plan_id', '=', plans[1]!.id).where('origin_criterion_id', 'is', null).execute();
    expect(added.map((c) => c.text)).toEqual([expect.stringContaining('trồng hoa và dọn vệ sinh hàng tuần')]);
    const teacher = await db.selectFrom('users').select('person_id').where('username', '=', 'nhanvien').executeTakeFirstOrThrow();
    const registered = await db.selectFrom('registrations').select(['person_id', 'plan_id']).execute();
    expect(registered.length).toBeGreaterThan(5);
    expect(registered.every((r) => r.plan_id === plans[1]!.id)).toBe(true);
    expect(registered.some((r) => r.person_id === teacher.person_id)).toBe(false);
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'plan.adopt').execute()).toHaveLength(1);
    // The ward's plan has the two office-culture report templates; the school sent its yearly report
    // to the ward, whose own report (a draft, sent to Sở Nội vụ) already sums the school's figures.
    const templates = await db.selectFrom('report_templates').select(['code', 'period_indexes']).where('plan_id', '=', plans[0]!.id).orderBy('id').execute();
    expect(templates).toEqual([
      { code: 'bao_cao_nam', period_indexes: null },
      { code: 'bao_cao_6_thang', period_indexes: [1] },
    ]);
    const reports = await db
      .selectFrom('reports as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('units as to', 'to.id', 'r.recipient_unit_id')
      .select(['u.code', 'r.status', 'r.period_key', 'to.name as recipient', 'r.values'])
      .orderBy('r.id')
      .execute();
    expect(reports.map((r) => [r.code, r.status, r.period_key, r.recipient])).toEqual([
      ['KHA-P-NHATRANG-TH', 'submitted', '2026-Y', 'Phường Nha Trang'],
      ['KHA-P-NHATRANG', 'draft', '2026-Y', 'Sở Nội vụ tỉnh Khánh Hòa'],
    ]);
    expect((reports[1]!.values as Record<string, { consolidated: number }>).outreach_events!.consolidated).toBe(4);
    // The ward and the Department of Home Affairs head and sign their documents as officials write them.
    const letterheads = await db
      .selectFrom('unit_document_settings as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['u.code', 's.governing_body', 's.issuing_body', 's.code_suffix', 's.sign_prefix', 's.sign_authority', 's.signer_title'])
      .orderBy('u.code')
      .execute();
    expect(letterheads.map((l) => [l.code, l.governing_body, l.issuing_body, l.code_suffix, `${l.sign_prefix} ${l.sign_authority}`, l.signer_title])).toEqual([
      ['KHA-P-NHATRANG', 'ỦY BAN NHÂN DÂN', 'PHƯỜNG NHA TRANG', 'UBND', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
      ['KHA-SNV', 'UBND TỈNH KHÁNH HÒA', 'SỞ NỘI VỤ', 'SNV', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    ]);
    // The school's round of bình xét is open on its staff's three-year record: all but the one rated
    // only "hoàn thành" this year, and the two who did not register, are proposed for Lao động tiên tiến.
    const round = await db.selectFrom('award_rounds as r').innerJoin('units as u', 'u.id', 'r.unit_id').select(['u.code', 'r.status', 'r.year']).execute();
    expect(round).toEqual([{ code: 'KHA-P-NHATRANG-TH', status: 'proposing', year: 2026 }]);
    const nominations = await db.selectFrom('round_nominations').select(['status', 'award_code', 'reason']).execute();
    expect(nominations.filter((n) => n.status === 'proposed').every((n) => n.award_code === 'lao_dong_tien_tien')).toBe(true);
    expect(nominations.filter((n) => n.status === 'short').map((n) => n.reason).sort()).toEqual([
      expect.stringContaining('Chưa đăng ký thi đua năm 2026'),
      expect.stringContaining('Chưa đăng ký thi đua năm 2026'),
      expect.stringContaining('Chưa đăng ký thi đua năm 2026'),
      expect.stringContaining('hoàn thành nhiệm vụ'),
    ].sort());
    // A later start finds the data, adds nothing and prints the same table.
    const later = await demoOnFirstStart(db, now, {}, () => undefined);
    expect(later).toBe(first);
    expect(await db.selectFrom('units').select('id').execute()).toHaveLength(units.length);
  });

  it('stays empty with THIDUA_DEMO=false and prints nothing', async () => {
    const { db } = await testDatabase();
    expect(await demoOnFirstStart(db, now, { THIDUA_DEMO: 'false' }, () => undefined)).toBe('');
    expect(await db.selectFrom('units').select('id').execute()).toHaveLength(0);
  });

  it('leaves a database with real units alone', async () => {
    const { db } = await testDatabase();
    await newUnit(db, { name: 'Tỉnh Thật' });
    expect(await demoOnFirstStart(db, now, {}, () => undefined)).toBe('');
    expect(await db.selectFrom('people').select('id').execute()).toHaveLength(0);
  });

  it('leaves out an account whose password was changed', async () => {
    const { db } = await testDatabase();
    await demoOnFirstStart(db, now, {}, () => undefined);
    await db.updateTable('users').set({ password_hash: 'changed' }).where('username', '=', 'admin').execute();
    const table = await demoOnFirstStart(db, now, {}, () => undefined);
    expect(table).not.toMatch(/^\s+admin\s/m);
    expect(table).toContain('thuongtruc');
  });
});
