import { permissions, type Action, type ImportKind } from '@thidua/contracts';
import type { Actor, Grant } from '../../platform/actor.js';

/** The action each row of an import needs: person.write on the person's unit, unit.write on the parent, record.write on the person's unit. */
export const importAction: Record<ImportKind, Action> = { people: 'person.write', units: 'unit.write', records: 'record.write' };

/** The grants that let the actor import this kind somewhere, shallowest first. */
export function importGrants(actor: Actor, kind: ImportKind): Grant[] {
  const roles = permissions[importAction[kind]];
  return actor.grants.filter((g) => roles.includes(g.role)).sort((a, b) => a.unitPath.split('.').length - b.unitPath.split('.').length);
}

/** May the actor start an import of this kind at all? Each row is then checked against its unit. */
export function canImport(actor: Actor, kind: ImportKind): boolean {
  return importGrants(actor, kind).length > 0;
}

/** Only the user who uploaded a file may see or commit its import. */
export function canSeeImport(actor: Actor, job: { created_by: number }): boolean {
  return job.created_by === actor.userId;
}
