import type { Role } from '@thidua/contracts';
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';

// Whom a hand-over reaches, from the role grants (phân quyền) and the organisation tree: one query
// each, for the capabilities to say who the next person is. Only active accounts, at active units.
// System administrators are never among the roles asked for: they may act everywhere, but are not
// "the next person" of anyone's workflow.

export interface NearestHoldersQuery {
  /** The unit the record belongs to (ltree path). */
  unitPath: string;
  /** The roles that take the record over; the nearest level (the unit itself, then upwards) that has one wins. */
  roles: readonly Role[];
  /** Roles asked only when nobody at or above the unit holds one of `roles`. */
  fallbackRoles?: readonly Role[];
  /** Grants at the unit itself do not count (a collective is reviewed from above). */
  strictlyAbove?: boolean;
  /** The assessed person's own accounts are never their reviewer. */
  exceptPersonId?: number | null;
  /** The actor: never the next person of their own step. */
  exceptUserId?: number | null;
}

export interface UnitHolder {
  userId: number;
  role: Role;
}

export const recipientsRepository = {
  /**
   * The users holding one of `roles` at the nearest unit at or above `unitPath` that has any (a
   * school's head before the ward's), so a sheet is not mailed to every head up to the province.
   */
  async nearestHolders(db: Executor, q: NearestHoldersQuery): Promise<number[]> {
    const primary = [...q.roles];
    const all = [...primary, ...(q.fallbackRoles ?? [])];
    if (all.length === 0) return [];
    const isPrimary = sql<boolean>`g.role = any(${primary}::text[])`;
    const depth = sql<number>`nlevel(un.path)`;
    const rows = await db
      .selectFrom('role_grants as g')
      .innerJoin('units as un', 'un.id', 'g.unit_id')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.user_id', isPrimary.as('is_primary'), depth.as('depth')])
      .where(sql<SqlBool>`un.path @> ${q.unitPath}::ltree`)
      .$if(!!q.strictlyAbove, (qb) => qb.where(sql<SqlBool>`un.path <> ${q.unitPath}::ltree`))
      .where('g.role', 'in', all)
      .where('un.status', '=', 'active')
      .where('u.is_active', '=', true)
      .$if(q.exceptPersonId != null, (qb) => qb.where((eb) => eb.or([eb('u.person_id', 'is', null), eb('u.person_id', '<>', q.exceptPersonId!)])))
      .$if(q.exceptUserId != null, (qb) => qb.where('u.id', '<>', q.exceptUserId!))
      .orderBy(isPrimary, 'desc')
      .orderBy(depth, 'desc')
      .orderBy('g.user_id')
      .execute();
    const first = rows[0];
    if (!first) return [];
    return [...new Set(rows.filter((r) => r.is_primary === first.is_primary && Number(r.depth) === Number(first.depth)).map((r) => r.user_id))];
  },

  /** The users holding one of `roles` at each of the units (granted there, not above), by unit. */
  async holdersAt(db: Executor, unitIds: number[], roles: readonly Role[]): Promise<Map<number, UnitHolder[]>> {
    const out = new Map<number, UnitHolder[]>();
    if (unitIds.length === 0 || roles.length === 0) return out;
    const rows = await db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.unit_id', 'g.user_id', 'g.role'])
      .where('g.unit_id', 'in', unitIds)
      .where('g.role', 'in', [...roles])
      .where('u.is_active', '=', true)
      .orderBy('g.unit_id')
      .orderBy('g.user_id')
      .execute();
    for (const r of rows) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), { userId: r.user_id, role: r.role as Role }]);
    return out;
  },

  /** The active accounts linked to a person (cán bộ): whom their own sheet's news reaches. */
  async accountsOf(db: Executor, personId: number): Promise<number[]> {
    const rows = await db.selectFrom('users').select('id').where('person_id', '=', personId).where('is_active', '=', true).orderBy('id').execute();
    return rows.map((r) => r.id);
  },

  /** The users holding one of `roles` at each active unit directly below `parentUnitId` (those that adopt its plans), by unit. */
  async holdersBelow(db: Executor, parentUnitId: number, roles: readonly Role[]): Promise<Map<number, UnitHolder[]>> {
    const out = new Map<number, UnitHolder[]>();
    if (roles.length === 0) return out;
    const rows = await db
      .selectFrom('units as un')
      .innerJoin('role_grants as g', 'g.unit_id', 'un.id')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['un.id as unit_id', 'g.user_id', 'g.role'])
      .where('un.parent_id', '=', parentUnitId)
      .where('un.status', '=', 'active')
      .where('g.role', 'in', [...roles])
      .where('u.is_active', '=', true)
      .orderBy('un.id')
      .orderBy('g.user_id')
      .execute();
    for (const r of rows) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), { userId: r.user_id, role: r.role as Role }]);
    return out;
  },
};
