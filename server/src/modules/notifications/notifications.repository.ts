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

export type Channel = 'app' | 'email' | 'digest';

/** A recipient of a notice, with their choice for its kind (null: the kind's default). */
export interface RecipientRow {
  id: number;
  display_name: string;
  email: string | null;
  channel: Channel | null;
}

/** A notice waiting for its recipient's daily digest. */
export interface DigestRow {
  id: number;
  user_id: number;
  email: string;
  display_name: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
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

  // ── Delivery and preferences ──────────────────────────────────────

  /** The active users among `userIds`, with their channel for `kind` if they chose one. */
  async recipients(db: Executor, userIds: number[], kind: string): Promise<RecipientRow[]> {
    if (userIds.length === 0) return [];
    return db
      .selectFrom('users as u')
      .leftJoin('notification_preferences as p', (j) => j.onRef('p.user_id', '=', 'u.id').on('p.kind', '=', kind))
      .select(['u.id', 'u.display_name', 'u.email', 'p.channel'])
      .where('u.id', 'in', userIds)
      .where('u.is_active', '=', true)
      .orderBy('u.id')
      .execute();
  },

  /** The channels chosen for (user, kind) pairs, keyed `user:kind`. */
  async channelsFor(db: Executor, pairs: { userId: number; kind: string }[]): Promise<Map<string, Channel>> {
    const out = new Map<string, Channel>();
    if (pairs.length === 0) return out;
    const rows = await db
      .selectFrom('notification_preferences')
      .select(['user_id', 'kind', 'channel'])
      .where('user_id', 'in', [...new Set(pairs.map((p) => p.userId))])
      .where('kind', 'in', [...new Set(pairs.map((p) => p.kind))])
      .execute();
    for (const r of rows) out.set(`${r.user_id}:${r.kind}`, r.channel);
    return out;
  },

  async preferencesOf(db: Executor, userId: number): Promise<Map<string, Channel>> {
    const rows = await db.selectFrom('notification_preferences').select(['kind', 'channel']).where('user_id', '=', userId).execute();
    return new Map(rows.map((r) => [r.kind, r.channel]));
  },

  async savePreferences(db: Executor, userId: number, prefs: { kind: string; channel: Channel }[], at: Date): Promise<void> {
    if (prefs.length === 0) return;
    await db
      .insertInto('notification_preferences')
      .values(prefs.map((p) => ({ user_id: userId, kind: p.kind, channel: p.channel, updated_at: at })))
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({ channel: eb.ref('excluded.channel'), updated_at: eb.ref('excluded.updated_at') })))
      .execute();
  },

  async userEmail(db: Executor, userId: number): Promise<string | null> {
    const row = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    return row?.email ?? null;
  },

  /**
   * Notices delivered for the digest, not yet digested nor read, created in (since, until], of active
   * users with an address; by user, oldest first.
   */
  async pendingDigest(db: Executor, since: Date, until: Date): Promise<DigestRow[]> {
    const rows = await db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.user_id', 'u.email', 'u.display_name', 'n.kind', 'n.title', 'n.body', 'n.link', 'n.created_at'])
      .where('n.channel', '=', 'digest')
      .where('n.digested_at', 'is', null)
      .where('n.read_at', 'is', null)
      .where('n.created_at', '>', since)
      .where('n.created_at', '<=', until)
      .where('u.is_active', '=', true)
      .where('u.email', 'is not', null)
      .orderBy('n.user_id')
      .orderBy('n.created_at')
      .orderBy('n.id')
      .execute();
    return rows.map((r) => ({ ...r, email: r.email! }));
  },

  async markDigested(db: Executor, ids: number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await db.updateTable('notifications').set({ digested_at: at }).where('id', 'in', ids).where('digested_at', 'is', null).execute();
  },
};
