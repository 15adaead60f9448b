import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { newUnit } from '../../test/factories.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { demoOnFirstStart } from './first-start.js';

describe(demoOnFirstStart.name, () => {
  it('seeds an empty database once and prints the accounts at every start', async () => {
    const { db } = await testDatabase();
    const first = await demoOnFirstStart(db, {}, () => undefined);
    expect(first).toContain('thuongtruc');
    expect(first).toContain(DEMO_PASSWORD);
    const units = await db.selectFrom('units').select('id').execute();
    // A later start finds the data, adds nothing and prints the same table.
    const later = await demoOnFirstStart(db, {}, () => undefined);
    expect(later).toBe(first);
    expect(await db.selectFrom('units').select('id').execute()).toHaveLength(units.length);
  });

  it('stays empty with THIDUA_DEMO=false and prints nothing', async () => {
    const { db } = await testDatabase();
    expect(await demoOnFirstStart(db, { THIDUA_DEMO: 'false' }, () => undefined)).toBe('');
    expect(await db.selectFrom('units').select('id').execute()).toHaveLength(0);
  });

  it('leaves a database with real units alone', async () => {
    const { db } = await testDatabase();
    await newUnit(db, { name: 'Tỉnh Thật' });
    expect(await demoOnFirstStart(db, {}, () => undefined)).toBe('');
    expect(await db.selectFrom('people').select('id').execute()).toHaveLength(0);
  });

  it('leaves out an account whose password was changed', async () => {
    const { db } = await testDatabase();
    await demoOnFirstStart(db, {}, () => undefined);
    await db.updateTable('users').set({ password_hash: 'changed' }).where('username', '=', 'admin').execute();
    const table = await demoOnFirstStart(db, {}, () => undefined);
    expect(table).not.toMatch(/^\s+admin\s/m);
    expect(table).toContain('thuongtruc');
  });
});
