import { actions, grantableRoles, permissions, type Action, type Role } from '@thidua/contracts';
import { isWithin, type Actor } from './actor.js';
import { AppError } from './errors.js';

/** May the actor do `action` on a record that belongs to the unit at `unitPath`? Deny by default. */
export function can(actor: Actor, action: Action, unitPath: string): boolean {
  const allowed = permissions[action];
  return actor.grants.some((g) => allowed.includes(g.role) && isWithin(unitPath, g.unitPath));
}

/** The actions the actor may take on a record, sent with responses so the UI shows only working buttons. */
export function allowedActions(actor: Actor, unitPath: string): Action[] {
  return actions.filter((a) => can(actor, a, unitPath));
}

/**
 * Checks access for one or many records at once. A record the actor cannot even see answers 404;
 * one it can see but not change answers 403.
 */
export function requireAccess(actor: Actor, action: Action, unitPaths: string | string[]): void {
  for (const path of Array.isArray(unitPaths) ? unitPaths : [unitPaths]) {
    if (!can(actor, 'unit.read', path)) throw new AppError('NOT_FOUND');
    if (!can(actor, action, path)) throw new AppError('FORBIDDEN');
  }
}

/** May the actor grant `role` at the unit with `unitPath`? */
export function canGrant(actor: Actor, role: Role, unitPath: string): boolean {
  return actor.grants.some((g) => grantableRoles[g.role].includes(role) && isWithin(unitPath, g.unitPath));
}
