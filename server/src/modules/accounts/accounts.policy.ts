import { permissions, type Role } from '@thidua/contracts';
import { can, canGrant } from '../../platform/access.js';
import { isSystemAdmin, isWithin, visibleRoots, type Actor } from '../../platform/actor.js';

// Who may see and change accounts (tài khoản). A role granted at a unit holds for its subtree, so
// the accounts an actor administers are those with a role or a person inside the subtrees where it
// holds role.grant. System administrators (quản trị hệ thống) see every account, even one with no role.

/** Roots of the subtrees where the actor may grant roles; empty when it may grant nothing. */
export function grantingRoots(actor: Actor): string[] {
  const allowed = permissions['role.grant'];
  return visibleRoots({ ...actor, grants: actor.grants.filter((g) => allowed.includes(g.role)) });
}

/** The contract's "role.grant somewhere": the gate to the accounts screens. */
export function grantsSomewhere(actor: Actor): boolean {
  return grantingRoots(actor).length > 0;
}

/** The subtrees whose accounts the actor sees, or null for all of them. */
export function accountScope(actor: Actor): string[] | null {
  return isSystemAdmin(actor) ? null : grantingRoots(actor);
}

export interface HeldGrant {
  role: Role;
  unitPath: string;
}

/** Is the account in the actor's scope: a role, or its person, inside a subtree the actor administers? */
export function seesAccount(actor: Actor, grants: HeldGrant[], personUnitPath: string | null): boolean {
  const roots = accountScope(actor);
  if (roots === null) return true;
  const paths = [...grants.map((g) => g.unitPath), ...(personUnitPath ? [personUnitPath] : [])];
  return paths.some((p) => roots.some((r) => isWithin(p, r)));
}

/** Grants of another account that the actor may see listed: those at units it can read. */
export function seesGrant(actor: Actor, unitPath: string): boolean {
  return isSystemAdmin(actor) || can(actor, 'unit.read', unitPath);
}

/**
 * May the actor change the account? Only if it could have granted every role the account holds,
 * so that nobody can disable or unlock someone with more authority than their own.
 */
export function canManageAccount(actor: Actor, grants: HeldGrant[]): boolean {
  if (!isSystemAdmin(actor) && grants.some((g) => g.role === 'system_admin')) return false;
  return grants.every((g) => canGrant(actor, g.role, g.unitPath));
}
