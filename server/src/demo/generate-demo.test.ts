import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { verifyAuditChain } from '../platform/audit.js';
import { loadConfig } from '../platform/config.js';
import type { Database } from '../platform/database.js';
import { inlineJobs } from '../platform/jobs.js';
import { testDatabase } from '../../test/database.js';
import { DEMO_PASSWORD, demoAccountSpecs, formatDemoAccounts, listDemoAccounts } from './demo-accounts.js';
import { DemoDataExistsError, generateDemo, SEARCH_DEMO_NAME } from './generate-demo.js';
import { TEST_NOW, testClock } from '../platform/clock.js';

async function fingerprint(db: Database) {
  const rows = await db.selectFrom('people').select(['full_name', 'birth_date', 'unit_id', 'position']).orderBy('id').execute();
  const units = await db.selectFrom('units').select(['code', 'name', 'path']).orderBy('id').execute();
  return createHash('sha256').update(JSON.stringify([rows, units])).digest('hex');
}

describe(generateDemo.name, () => {
  it('builds Khánh Hòa with history, blocks, people and one account per role', async () => {
    const { db } = await testDatabase();
    const result = await generateDemo(db, { size: 'demo', seed: 'test', year: 2026 });
    expect(result.counts.people).toBe(500);
    expect(result.counts.users).toBe(demoAccountSpecs.length);
    expect(result.counts.blocks).toBe(2);

    const root = await db.selectFrom('units').selectAll().where('code', '=', 'VN').executeTakeFirstOrThrow();
    expect(root.kind).toBe('national');
    const kha = await db.selectFrom('units').selectAll().where('code', '=', 'KHA').executeTakeFirstOrThrow();
    expect(kha.name).toBe('Tỉnh Khánh Hòa');
    expect(kha.path).toBe(`${root.id}.${kha.id}`);

    // Every path is its parent's path plus its own id.
    const badPaths = await sql<{ n: number }>`
      select count(*)::int as n from units c left join units p on p.id = c.parent_id
      where c.path::text <> coalesce(p.path::text || '.', '') || c.id::text`.execute(db);
    expect(badPaths.rows[0]!.n).toBe(0);

    const retired = await db.selectFrom('units as u').innerJoin('units as s', 's.id', 'u.successor_id').select(['u.name', 'u.status', 'u.valid_to', 's.name as successor']).where('u.status', '<>', 'active').execute();
    expect(retired).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Thành phố Nha Trang', status: 'merged', valid_to: '2025-06-30', successor: 'Phường Nha Trang' }),
        expect.objectContaining({ name: 'Tỉnh Ninh Thuận', status: 'merged', successor: 'Tỉnh Khánh Hòa' }),
        expect.objectContaining({ status: 'dissolved', successor: 'Sở Nội vụ tỉnh Khánh Hòa' }),
      ]),
    );
    // Some people came from the retired units: their history stays readable.
    const fromRetired = await db
      .selectFrom('person_assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('u.status', '<>', 'active')
      .executeTakeFirstOrThrow();
    expect(Number(fromRetired.n)).toBeGreaterThan(0);

    const duc = await db.selectFrom('people').selectAll().where('full_name', '=', SEARCH_DEMO_NAME).execute();
    expect(duc).toHaveLength(1);
    const found = await sql<{ full_name: string }>`select full_name from people where search_key like '%' || f_unaccent('nguyen van duc') || '%'`.execute(db);
    expect(found.rows.map((r) => r.full_name)).toContain(SEARCH_DEMO_NAME);

    const school = await db.selectFrom('units').select('name').where('code', '=', 'KHA-P-NHATRANG-TH').executeTakeFirstOrThrow();
    expect(school.name).toBe('Trường Tiểu học Hứa Tạo');
    const blocks = await db.selectFrom('blocks').selectAll().where('year', '=', 2026).execute();
    expect(blocks.map((b) => b.kind).sort()).toEqual(['cum', 'khoi']);
    expect(blocks.every((b) => b.head_unit_id && b.deputy_unit_id)).toBe(true);

    // Everyone has a current assignment at the unit they are in.
    const orphans = await sql<{ n: number }>`
      select count(*)::int as n from people p
      where not exists (select 1 from person_assignments a where a.person_id = p.id and a.unit_id = p.unit_id and a.ended_on is null)`.execute(db);
    expect(orphans.rows[0]!.n).toBe(0);

    const audit = await db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => a.action)).toEqual(['demo.seed']);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    const accounts = await listDemoAccounts(db);
    expect(accounts.map((a) => a.username)).toEqual(demoAccountSpecs.map((s) => s.username));
    expect(formatDemoAccounts(accounts)).toContain(DEMO_PASSWORD);

    // The accounts sign in through the real app; the administrator is told to set up TOTP.
    const config = loadConfig({}, { serveWeb: false, runJobs: false, logLevel: 'silent', databaseUrl: 'test' });
    const jobs = inlineJobs();
    const app = await buildApp({ db, config, mailer: { send: async () => undefined }, jobs, now: testClock(TEST_NOW).now }, { logger: false });
    try {
      const csrf = 'demo-test-token';
      const signIn = (username: string) =>
        app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: DEMO_PASSWORD }, headers: { 'x-csrf-token': csrf, cookie: `thidua_csrf=${csrf}` } });
      const admin = await signIn('admin');
      expect(admin.statusCode).toBe(200);
      expect(admin.json()).toMatchObject({ mfaSetupRequired: true });
      const officer = await signIn('thuongtruc');
      expect(officer.statusCode).toBe(200);
      expect(officer.json()).toMatchObject({ mfaSetupRequired: false, grants: [{ role: 'standing_officer', unitName: 'Tỉnh Khánh Hòa' }] });
      expect(officer.json().personId).not.toBeNull();
    } finally {
      await app.close();
      await jobs.stop();
    }

    await expect(generateDemo(db, { size: 'demo', year: 2026 })).rejects.toBeInstanceOf(DemoDataExistsError);
  });

  it('gives the same data for the same seed', async () => {
    const a = await testDatabase();
    const b = await testDatabase();
    await generateDemo(a.db, { size: 'demo', seed: 42, year: 2026 });
    await generateDemo(b.db, { size: 'demo', seed: 42, year: 2026 });
    expect(await fingerprint(a.db)).toBe(await fingerprint(b.db));
  });

  it('builds a scaled-down national set through the bulk path', async () => {
    const { db } = await testDatabase();
    const lines: string[] = [];
    const r = await generateDemo(db, { size: 'national', people: 20_000, units: 2_000, seed: 1, year: 2026, rebuildIndexes: true, batchSize: 3_000, log: (m) => lines.push(m) });
    expect(r.counts.people).toBe(20_000);
    const provinces = await db.selectFrom('units').select('code').where('kind', '=', 'province').where('status', '=', 'active').execute();
    expect(provinces).toHaveLength(34);
    expect(r.counts.units).toBeGreaterThan(1_800);
    expect(r.counts.units).toBeLessThan(2_200);
    // The indexes dropped for the load are back.
    const idx = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'people'`.execute(db);
    expect(idx.rows.map((i) => i.indexname)).toEqual(expect.arrayContaining(['people_search_trgm', 'people_unit_idx', 'people_code_key']));
    expect(lines.some((l) => l.includes('20,000/20,000'))).toBe(true);
    const people = await db.selectFrom('people').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
    // The identity continues after the explicit ids the generator used.
    const next = await db.insertInto('people').values({ full_name: 'Lê Thị Mới', gender: 'female', category: 'worker', unit_id: provinces.length ? (await db.selectFrom('units').select('id').where('code', '=', 'KHA').executeTakeFirstOrThrow()).id : 0 }).returning('id').executeTakeFirstOrThrow();
    expect(next.id).toBeGreaterThan(Number(people.max));
  });
});
