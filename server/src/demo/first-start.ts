import type { Now } from '../platform/clock.js';
import { vietnamYear } from '../platform/clock.js';
import type { Database } from '../platform/database.js';
import { formatDemoAccounts, listDemoAccounts } from './demo-accounts.js';
import { generateDemoMovement } from './demo-movement.js';
import { DemoDataExistsError, generateDemo } from './generate-demo.js';

/**
 * On the first start of an empty database, fills it with the demonstration data (unless
 * THIDUA_DEMO=false) so that `npm start` shows a working system at once. Returns the account
 * table to print under the address line, or '' when no demonstration account is usable.
 */
export async function demoOnFirstStart(db: Database, now: Now, env: NodeJS.ProcessEnv = process.env, log: (m: string) => void = console.log): Promise<string> {
  const empty = !(await db.selectFrom('units').select('id').limit(1).executeTakeFirst());
  if (empty && env.THIDUA_DEMO !== 'false') {
    log('  Cơ sở dữ liệu trống: tạo dữ liệu mẫu (Tỉnh Khánh Hòa) / empty database: generating demonstration data…');
    try {
      const r = await generateDemo(db, { size: 'demo', seed: env.THIDUA_DEMO_SEED ?? 'thidua', year: vietnamYear(now()) });
      log(`  ${r.counts.units} đơn vị, ${r.counts.people} cán bộ, ${r.counts.users} tài khoản / units, people, accounts (${r.seconds.toFixed(1)} s)`);
      const m = await generateDemoMovement(db, now);
      log(`  Phong trào văn hóa công sở: kế hoạch phường, kế hoạch trường áp dụng, ${m.registrations} đăng ký, ${m.assessments} phiếu đánh giá, ${m.reports} báo cáo, ${m.proposed} người được đề nghị khen thưởng / the office-culture movement: ward plan, school plan, registrations, assessments, reports, a round of commendation`);
    } catch (err) {
      // Another server process on the same database got there first: its data is as good.
      if (!(err instanceof DemoDataExistsError)) throw err;
    }
  }
  return formatDemoAccounts(await listDemoAccounts(db));
}
