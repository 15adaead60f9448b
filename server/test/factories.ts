import { randomBytes } from 'node:crypto';
import type { Role, UnitKind } from '@thidua/contracts';
import type { Executor } from '../src/platform/database.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { newTotpSecret, totpFor } from '../src/modules/auth/totp.js';
import { DEFAULT_PASSWORD } from './app.js';

// Factories build their own parents, so no test leans on shared seed data.
const uniq = () => randomBytes(4).toString('hex');
let cachedHash: Promise<string> | null = null;
const defaultHash = () => (cachedHash ??= hashPassword(DEFAULT_PASSWORD));

export interface TestUnit {
  id: number;
  path: string;
  name: string;
  code: string;
}

export async function newUnit(db: Executor, opts: { parent?: TestUnit; name?: string; kind?: UnitKind; code?: string } = {}): Promise<TestUnit> {
  const { id } = await db.selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('units_id_seq')]).as('id')).executeTakeFirstOrThrow();
  const path = opts.parent ? `${opts.parent.path}.${id}` : String(id);
  const code = opts.code ?? `U${uniq()}`;
  const name = opts.name ?? `Đơn vị ${code}`;
  await db
    .insertInto('units')
    .values({ id, parent_id: opts.parent?.id ?? null, path, code, name, kind: opts.kind ?? (opts.parent ? 'agency' : 'province') })
    .execute();
  return { id, path, name, code };
}

export async function newPerson(db: Executor, unit: TestUnit, opts: { fullName?: string; gender?: string } = {}) {
  const row = await db
    .insertInto('people')
    .values({ full_name: opts.fullName ?? `Nguyễn Văn ${uniq()}`, gender: opts.gender ?? 'male', category: 'civil_servant', unit_id: unit.id })
    .returning(['id', 'full_name'])
    .executeTakeFirstOrThrow();
  await db.insertInto('person_assignments').values({ person_id: row.id, unit_id: unit.id, started_on: '2025-01-01' }).execute();
  return row;
}

export async function newUser(db: Executor, opts: { roles?: [Role, TestUnit][]; username?: string; email?: string; totpSecret?: string } = {}) {
  const username = opts.username ?? `user_${uniq()}`;
  const user = await db
    .insertInto('users')
    .values({
      username,
      display_name: `Người dùng ${username}`,
      email: opts.email ?? `${username}@example.test`,
      password_hash: await defaultHash(),
      totp_secret: opts.totpSecret ?? null,
      totp_enabled: !!opts.totpSecret,
    })
    .returning(['id', 'username'])
    .executeTakeFirstOrThrow();
  for (const [role, unit] of opts.roles ?? []) {
    await db.insertInto('role_grants').values({ user_id: user.id, role, unit_id: unit.id }).execute();
  }
  return user;
}

/** A system administrator (quản trị hệ thống) granted at `unit`, with the second factor it must have. */
export async function newSystemAdmin(db: Executor, unit: TestUnit) {
  const totpSecret = newTotpSecret();
  const user = await newUser(db, { roles: [['system_admin', unit]], totpSecret });
  return { ...user, totpSecret, totp: () => totpFor(totpSecret, user.username).generate() };
}

/** A unit row as stored, to compare before and after a refused request. */
export function unitRow(db: Executor, id: number) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function auditCount(db: Executor): Promise<number> {
  const r = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
