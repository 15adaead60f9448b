import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { escapeLike } from '../../platform/search.js';

/** Calendar days in the audit filters are days in Vietnam, whatever the server's time zone. */
const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface AuditFilter {
  /** Subtrees whose entries may be read; an entry's unit_path is where its unit was when it was written. */
  scopes: string[];
  /** Also entries tied to no unit (sign-ins, account changes): for system administrators. */
  includeUnscoped: boolean;
  within?: string;
  actorUserId?: number;
  entity?: string;
  entityId?: string;
  /** Matches the start of the action: "unit." finds unit.create, unit.move… */
  actionPrefix?: string;
  from?: string;
  to?: string;
}

function filtered(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log as a').where((eb) => {
    const scoped = sql<SqlBool>`a.unit_path <@ any(${f.scopes}::ltree[])`;
    return f.includeUnscoped ? eb.or([scoped, eb('a.unit_path', 'is', null)]) : scoped;
  });
  if (f.within !== undefined) q = q.where(sql<SqlBool>`a.unit_path <@ ${f.within}::ltree`);
  if (f.actorUserId !== undefined) q = q.where('a.actor_user_id', '=', f.actorUserId);
  if (f.entity !== undefined) q = q.where('a.entity', '=', f.entity);
  if (f.entityId !== undefined) q = q.where('a.entity_id', '=', f.entityId);
  if (f.actionPrefix !== undefined) q = q.where(sql<SqlBool>`a.action like ${escapeLike(f.actionPrefix)} || '%'`);
  if (f.from !== undefined) q = q.where(sql<SqlBool>`a.at >= (${f.from}::date)::timestamp at time zone ${LOCAL_TIME_ZONE}`);
  // "to" is inclusive: everything before the start of the next local day.
  if (f.to !== undefined) q = q.where(sql<SqlBool>`a.at < (${f.to}::date + 1)::timestamp at time zone ${LOCAL_TIME_ZONE}`);
  return q;
}

export const auditRepository = {
  /** One page of entries, newest first (ids follow the chain, so they follow time). */
  page(db: Executor, f: AuditFilter, offset: number, limit: number) {
    return filtered(db, f)
      .leftJoin('units as u', 'u.id', 'a.unit_id')
      .select([
        'a.id',
        'a.at',
        'a.actor_user_id',
        'a.actor_name',
        'a.action',
        'a.entity',
        'a.entity_id',
        'a.unit_id',
        'u.name as unit_name',
        'a.before',
        'a.after',
        'a.ip',
      ])
      .orderBy('a.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute();
  },

  async count(db: Executor, f: AuditFilter): Promise<number> {
    const r = await filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  unitPath(db: Executor, unitId: number) {
    return db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  },
};
