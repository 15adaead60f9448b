import type { Role } from '@thidua/contracts';

export interface Grant {
  id: number;
  role: Role;
  unitId: number;
  unitName: string;
  /** ltree path of the unit the role is granted at, e.g. "1.5.23". */
  unitPath: string;
}

/** The signed-in user acting on a request, with the roles that scope what they may do. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  personId: number | null;
  sessionId: string;
  csrfToken: string;
  mfaEnabled: boolean;
  grants: Grant[];
  ip: string | null;
  userAgent: string | null;
}

/** True when `path` is `ancestor` or lies below it in the tree. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

export function isSystemAdmin(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'system_admin');
}

/** The smallest set of subtree roots covering these paths (a path below another adds nothing). */
export function rootsOf(unitPaths: readonly string[]): string[] {
  const paths = [...new Set(unitPaths)].sort((a, b) => a.length - b.length);
  const roots: string[] = [];
  for (const p of paths) if (!roots.some((r) => isWithin(p, r))) roots.push(p);
  return roots;
}

/** The smallest set of subtree roots the actor can see (a grant below another adds nothing). */
export function visibleRoots(actor: Actor): string[] {
  return rootsOf(actor.grants.map((g) => g.unitPath));
}
