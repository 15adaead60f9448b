import type { listUsersQuery, Role, updateUserBody, UserView } from '@thidua/contracts';
import type { z } from 'zod';
import { can, requireAccess } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { nameCollation, searchWords } from '../../platform/search.js';
import { accountScope, canManageAccount, grantsSomewhere, seesAccount, seesGrant } from './accounts.policy.js';
import { accountsRepository as repo, type GrantRow, type UserListRow } from './accounts.repository.js';
import type { CreateUserRequest } from './accounts.schemas.js';

type ListUsersQuery = z.output<typeof listUsersQuery>;
type UpdateUserBody = z.output<typeof updateUserBody>;

/** The gate of every accounts route: only those who may grant roles somewhere manage accounts. */
export function requireGranter(actor: Actor): void {
  if (!grantsSomewhere(actor)) throw new AppError('FORBIDDEN');
}

function toView(actor: Actor, row: UserListRow, grants: GrantRow[], now: Date): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    personId: row.person_id,
    isActive: row.is_active,
    mfaEnabled: row.totp_enabled,
    // A lockout that has run out is no lockout: the screen should not offer to lift it.
    lockedUntil: row.locked_until && new Date(row.locked_until) > now ? new Date(row.locked_until).toISOString() : null,
    // Roles held at units the actor cannot read stay hidden: their names are not its business.
    grants: grants
      .filter((g) => g.user_id === row.id && seesGrant(actor, g.unit_path))
      .map((g) => ({ id: g.id, role: g.role as Role, unitId: g.unit_id, unitName: g.unit_name })),
  };
}

async function viewOf(db: Executor, actor: Actor, id: number, now: Date): Promise<UserView> {
  const row = await repo.findUser(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toView(actor, row, await repo.grantsOfUsers(db, [id]), now);
}

const heldGrants = (grants: GrantRow[]) => grants.map((g) => ({ role: g.role as Role, unitPath: g.unit_path }));

/** Lists the accounts (tài khoản) the actor administers, searched without diacritics, paged. */
export async function listUsers(ctx: AppContext, actor: Actor, query: ListUsersQuery) {
  requireGranter(actor);
  let unitPath: string | undefined;
  if (query.unitId !== undefined) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'unit.read', unit.path);
    unitPath = unit.path;
  }
  const filter = { roots: accountScope(actor), unitPath, words: searchWords(query.q) };
  const offset = (query.page - 1) * query.pageSize;
  const collation = await nameCollation(ctx.db);
  const rows = await repo.listUsers(ctx.db, filter, { limit: query.pageSize, offset, collation });
  const knownTotal = rows.length < query.pageSize && (rows.length > 0 || offset === 0);
  const total = knownTotal ? offset + rows.length : await repo.countUsers(ctx.db, filter);
  const grants = await repo.grantsOfUsers(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => toView(actor, r, grants, ctx.now())), total, page: query.page, pageSize: query.pageSize };
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

/** Creates an account, optionally linked to a person (CBCCVC) inside the actor's subtree. */
export async function createUser(ctx: AppContext, actor: Actor, body: CreateUserRequest): Promise<UserView> {
  requireGranter(actor);
  if (body.password.length < MIN_PASSWORD_LENGTH) throw new AppError('WEAK_PASSWORD');
  let personUnitId: number | null = null;
  if (body.personId) {
    const person = await repo.findPerson(ctx.db, body.personId);
    if (!person) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'role.grant', person.unit_path);
    personUnitId = person.unit_id;
  }
  const passwordHash = await hashPassword(body.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.usernameTaken(trx, body.username)) throw new AppError('USERNAME_TAKEN');
    if (body.personId && (await repo.accountOfPerson(trx, body.personId)) !== null) {
      throw new AppError('CONFLICT', { field: 'personId' }, [
        fieldEntry('personId', 'Người này đã có tài khoản', 'This person already has an account'),
      ]);
    }
    const values = {
      username: body.username,
      display_name: body.displayName,
      email: body.email ?? null,
      person_id: body.personId ?? null,
      password_hash: passwordHash,
    };
    const userId = await repo.insertUser(trx, values).catch((err: unknown) => {
      // Two creations of one username at once: the loser hears the same answer as a late one.
      throw isUniqueViolation(err, 'users_username_key') ? new AppError('USERNAME_TAKEN') : err;
    });
    await writeAudit(trx, auditContextOf(actor), {
      action: 'user.create',
      entity: 'user',
      entityId: userId,
      unitId: personUnitId,
      after: { username: body.username, displayName: body.displayName, email: values.email, personId: values.person_id },
    });
    return userId;
  });
  return viewOf(ctx.db, actor, id, ctx.now());
}

/**
 * Changes an account's name, e-mail or state, or lifts a lockout. Deactivating ends its sessions
 * at once: loadActor refuses inactive accounts, but removing the rows leaves nothing to reuse.
 */
export async function updateUser(ctx: AppContext, actor: Actor, id: number, body: UpdateUserBody): Promise<UserView> {
  requireGranter(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const user = await repo.findUser(trx, id, { lock: true });
    if (!user) throw new AppError('NOT_FOUND');
    const grants = await repo.grantsOfUsers(trx, [id]);
    if (!seesAccount(actor, heldGrants(grants), user.person_unit_path)) throw new AppError('NOT_FOUND');
    if (!canManageAccount(actor, heldGrants(grants))) throw new AppError('FORBIDDEN');
    if (body.isActive === false && id === actor.userId) {
      throw new AppError('CONFLICT', { field: 'isActive' }, [
        fieldEntry('isActive', 'Không thể tự vô hiệu hóa tài khoản của mình', 'You cannot deactivate your own account'),
      ]);
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const patch: Parameters<typeof repo.updateUser>[2] = {};
    if (body.displayName !== undefined && body.displayName !== user.display_name) {
      patch.display_name = body.displayName;
      before.displayName = user.display_name;
      after.displayName = body.displayName;
    }
    if (body.email !== undefined && body.email !== user.email) {
      patch.email = body.email;
      before.email = user.email;
      after.email = body.email;
    }
    if (body.isActive !== undefined && body.isActive !== user.is_active) {
      patch.is_active = body.isActive;
      before.isActive = user.is_active;
      after.isActive = body.isActive;
    }
    if (body.unlock && (user.failed_sign_ins > 0 || user.locked_until !== null)) {
      patch.failed_sign_ins = 0;
      patch.locked_until = null;
      before.lockedUntil = user.locked_until;
      after.unlocked = true;
    }
    // The waits of its owner's wrong sign-ins (per address) end with the lock.
    if (body.unlock) await repo.forgetSignInWaits(trx, user.username);
    if (Object.keys(patch).length === 0) return;
    await repo.updateUser(trx, id, patch, ctx.now());
    if (patch.is_active === false) await repo.endSessions(trx, id);
    await writeAudit(trx, auditContextOf(actor), {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      unitId: user.person_unit_id ?? grants.find((g) => can(actor, 'role.grant', g.unit_path))?.unit_id ?? null,
      before,
      after,
    });
  });
  return viewOf(ctx.db, actor, id, ctx.now());
}
