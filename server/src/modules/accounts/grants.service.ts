import type { listGrantsQuery, Role, roleGrantBody, roleGrantView } from '@thidua/contracts';
import type { z } from 'zod';
import { can, canGrant, requireAccess } from '../../platform/access.js';
import { isSystemAdmin, visibleRoots, type Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { accountsRepository as repo, type GrantRow } from './accounts.repository.js';

type ListGrantsQuery = z.output<typeof listGrantsQuery>;
type RoleGrantBody = z.output<typeof roleGrantBody>;
type RoleGrantView = z.output<typeof roleGrantView>;

function toView(row: GrantRow): RoleGrantView {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Lists role grants (phân quyền) at a unit and its subtree, or of one account, limited to the units
 * the actor can read. System administrators see every account's grants.
 */
export async function listGrants(ctx: AppContext, actor: Actor, query: ListGrantsQuery) {
  let unitPath: string | undefined;
  if (query.unitId !== undefined) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'unit.read', unit.path);
    unitPath = unit.path;
  }
  const roots = isSystemAdmin(actor) ? null : visibleRoots(actor);
  const rows = await repo.listGrants(ctx.db, { roots, unitPath, userId: query.userId });
  return { items: rows.map(toView) };
}

function duplicateGrant(): AppError {
  return new AppError('CONFLICT', { field: 'role' }, [
    fieldEntry('role', 'Người dùng đã có vai trò này tại đơn vị này', 'The user already holds this role at this unit'),
  ]);
}

/** Grants a role at a unit; it holds for the unit's whole subtree. */
export async function createGrant(ctx: AppContext, actor: Actor, body: RoleGrantBody): Promise<RoleGrantView> {
  const unit = await repo.findUnit(ctx.db, body.unitId);
  if (!unit || !can(actor, 'unit.read', unit.path)) throw new AppError('NOT_FOUND');
  if (!canGrant(actor, body.role, unit.path)) throw new AppError('FORBIDDEN');
  if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE');
  // Any account may receive a role: that is how someone from elsewhere is given work in this subtree.
  const user = await repo.findUser(ctx.db, body.userId);
  if (!user) throw new AppError('NOT_FOUND', { field: 'userId' });
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.grantExists(trx, body)) throw duplicateGrant();
    const grantId = await repo.insertGrant(trx, { ...body, grantedBy: actor.userId }).catch((err: unknown) => {
      throw (err as { code?: string }).code === '23505' ? duplicateGrant() : err;
    });
    await writeAudit(trx, auditContextOf(actor), {
      action: 'role_grant.create',
      entity: 'role_grant',
      entityId: grantId,
      unitId: unit.id,
      after: { userId: user.id, username: user.username, role: body.role, unitId: unit.id, unitName: unit.name },
    });
    return grantId;
  });
  const row = await repo.findGrant(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toView(row);
}

/** Removes a role grant; nobody may remove their own last system administrator role. */
export async function deleteGrant(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const grant = await repo.findGrant(trx, id, { lock: true });
    if (!grant || !can(actor, 'unit.read', grant.unit_path)) throw new AppError('NOT_FOUND');
    const role = grant.role as Role;
    if (!canGrant(actor, role, grant.unit_path)) throw new AppError('FORBIDDEN');
    if (role === 'system_admin' && grant.user_id === actor.userId) {
      // Locked: two sessions of one administrator removing their two grants at once must not both pass.
      const adminGrants = await repo.lockSystemAdminGrants(trx, actor.userId);
      if (adminGrants.length <= 1) {
        throw new AppError('CONFLICT', { reason: 'last_system_admin_grant' }, [
          {
            path: 'id',
            message: 'Không thể thu hồi quyền quản trị hệ thống cuối cùng của chính bạn; hãy nhờ một quản trị viên khác',
            messageEn: 'You cannot remove your own last system administrator role; ask another administrator',
          },
        ]);
      }
    }
    await repo.deleteGrant(trx, id);
    await writeAudit(trx, auditContextOf(actor), {
      action: 'role_grant.delete',
      entity: 'role_grant',
      entityId: id,
      unitId: grant.unit_id,
      before: { userId: grant.user_id, username: grant.username, role, unitId: grant.unit_id, unitName: grant.unit_name },
    });
  });
}
