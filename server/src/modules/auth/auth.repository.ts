import { sql } from 'kysely';
import type { Executor } from '../../platform/database.js';

export const authRepository = {
  findUserByLogin(db: Executor, login: string) {
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('username', '=', login), eb('email', '=', login)]))
      .orderBy(sql`username = ${login}`, 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  findUserById(db: Executor, id: number) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  recordAttempt(db: Executor, username: string, ip: string | null, succeeded: boolean) {
    return db.insertInto('sign_in_attempts').values({ username, ip, succeeded }).execute();
  },
  async failedAttemptsFromIp(db: Executor, ip: string | null, sinceMinutes: number): Promise<number> {
    if (!ip) return 0;
    const r = await db
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ip', '=', ip)
      .where('succeeded', '=', false)
      .where(sql<boolean>`at > now() - make_interval(mins => ${sinceMinutes})`)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  registerFailure(db: Executor, userId: number, lockAfter: number, lockMinutes: number) {
    return db
      .updateTable('users')
      .set({
        failed_sign_ins: sql`case when failed_sign_ins + 1 >= ${lockAfter} then 0 else failed_sign_ins + 1 end`,
        locked_until: sql`case when failed_sign_ins + 1 >= ${lockAfter} then now() + make_interval(mins => ${lockMinutes}) else locked_until end`,
      })
      .where('id', '=', userId)
      .returning(['failed_sign_ins', 'locked_until'])
      .executeTakeFirstOrThrow();
  },
  registerSuccess(db: Executor, userId: number, totpStep: number | null) {
    return db
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: new Date(), ...(totpStep !== null ? { totp_last_step: totpStep } : {}) })
      .where('id', '=', userId)
      .execute();
  },
  grantsOf(db: Executor, userId: number) {
    return db
      .selectFrom('role_grants as g')
      .innerJoin('units as u', 'u.id', 'g.unit_id')
      .select(['g.id', 'g.role', 'g.unit_id as unitId', 'u.name as unitName', 'u.path as unitPath'])
      .where('g.user_id', '=', userId)
      .orderBy('g.id')
      .execute();
  },
};
