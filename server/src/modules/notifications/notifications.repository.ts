import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';

// Queries of the notification centre and the deadlines feed; no rules here.

export interface NotificationRow {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

export interface PlanDeadlineRow {
  id: number;
  day: number;
  month: number;
  year: number | null;
  period: string;
  text: string;
  recipient_text: string | null;
  plan_id: number;
  plan_title: string;
  unit_name: string;
  start_year: number;
  end_year: number;
}

export const notificationsRepository = {
  async list(db: Executor, userId: number, opts: { unreadOnly: boolean; limit: number; offset: number }): Promise<NotificationRow[]> {
    return db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', userId)
      .$if(opts.unreadOnly, (q) => q.where('read_at', 'is', null))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute();
  },

  async counts(db: Executor, userId: number, unreadOnly: boolean): Promise<{ total: number; unread: number }> {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.countAll<string>().filterWhere('read_at', 'is', null).as('unread')])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    const unread = Number(row.unread);
    return { total: unreadOnly ? unread : Number(row.total), unread };
  },

  async find(db: Executor, userId: number, id: number): Promise<NotificationRow | undefined> {
    return db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  },

  async markRead(db: Executor, userId: number, id: number, at: Date): Promise<NotificationRow | undefined> {
    return db
      .updateTable('notifications')
      .set({ read_at: sql<Date>`coalesce(read_at, ${at})` })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .executeTakeFirst();
  },

  async markAllRead(db: Executor, userId: number, at: Date): Promise<number> {
    const r = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  async findCalendarToken(db: Executor, userId: number) {
    return db.selectFrom('calendar_tokens').select(['created_at']).where('user_id', '=', userId).executeTakeFirst();
  },

  async upsertCalendarToken(db: Executor, userId: number, tokenHash: string, at: Date): Promise<{ created_at: Date; replaced: boolean }> {
    const before = await db.selectFrom('calendar_tokens').select('user_id').where('user_id', '=', userId).forUpdate().executeTakeFirst();
    const row = await db
      .insertInto('calendar_tokens')
      .values({ user_id: userId, token_hash: tokenHash, created_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: at }))
      .returning('created_at')
      .executeTakeFirstOrThrow();
    return { created_at: row.created_at, replaced: !!before };
  },

  /** The active user behind a feed token. */
  async userByCalendarToken(db: Executor, tokenHash: string) {
    return db
      .selectFrom('calendar_tokens as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select(['u.id', 'u.display_name', 'u.person_id'])
      .where('c.token_hash', '=', tokenHash)
      .where('u.is_active', '=', true)
      .executeTakeFirst();
  },

  /** Paths of the units of a user's role grants and of their person record. */
  async userUnitPaths(db: Executor, userId: number): Promise<string[]> {
    const rows = await db
      .selectFrom('role_grants as g')
      .innerJoin('units as un', 'un.id', 'g.unit_id')
      .select('un.path')
      .where('g.user_id', '=', userId)
      .union(
        db
          .selectFrom('users as u')
          .innerJoin('people as p', 'p.id', 'u.person_id')
          .innerJoin('units as un', 'un.id', 'p.unit_id')
          .select('un.path')
          .where('u.id', '=', userId),
      )
      .execute();
    return rows.map((r) => r.path);
  },

  /** Deadlines of published plans issued at or above any of the given units. */
  async planDeadlines(db: Executor, unitPaths: string[]): Promise<PlanDeadlineRow[]> {
    if (unitPaths.length === 0) return [];
    return db
      .selectFrom('plan_deadlines as d')
      .innerJoin('plans as p', 'p.id', 'd.plan_id')
      .innerJoin('movements as m', 'm.id', 'p.movement_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select([
        'd.id',
        'd.day',
        'd.month',
        'd.year',
        'd.period',
        'd.text',
        'd.recipient_text',
        'p.id as plan_id',
        'p.title as plan_title',
        'u.name as unit_name',
        // The years the plan applies to (năm áp dụng), within the movement's.
        sql<number>`coalesce(p.year_from, m.start_year)`.as('start_year'),
        sql<number>`coalesce(p.year_to, m.end_year)`.as('end_year'),
      ])
      .where('p.status', '=', 'published')
      .where(sql<SqlBool>`u.path @> any(${sql.val(unitPaths)}::ltree[])`)
      .orderBy('d.plan_id')
      .orderBy('d.position')
      .execute();
  },
};
