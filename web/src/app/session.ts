// Who is signed in, and what their grants let them do.
import { grantableRoles, permissions, type Action, type Me, type Role } from '@thidua/contracts';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api';

export const ME_KEY = ['me'] as const;
export const ME_STALE_TIME = 60_000;

/** The signed-in account, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me', undefined, { quiet: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: ME_STALE_TIME });
}

export function setMe(qc: QueryClient, me: Me | null): void {
  qc.setQueryData(ME_KEY, me);
}

/** Whether any of the account's grants allows the action somewhere. */
export function can(me: Me | null | undefined, action: Action): boolean {
  if (!me) return false;
  return me.grants.some((g) => permissions[action].includes(g.role));
}

/**
 * Whether the account reads the organisation's pages (units, blocks, people) and the reports' board:
 * a grant other than staff member. A staff member (cán bộ, công chức, viên chức) registers and
 * self-assesses; those pages are for who runs or reads the movement, viewers included.
 */
export function readsOrganisation(me: Me | null | undefined): boolean {
  return !!me?.grants.some((g) => g.role !== 'staff_member');
}

/** Whether the account has assessment sheets to open: its own, or those it scores as head or council. */
export function hasSheets(me: Me | null | undefined): boolean {
  return !!me && (me.personId !== null || can(me, 'assessment.review') || can(me, 'assessment.council'));
}

export function isSystemAdmin(me: Me | null | undefined): boolean {
  return !!me?.grants.some((g) => g.role === 'system_admin');
}

/** Roles the account may hand out (the union over its grants). */
export function grantable(me: Me | null | undefined): Role[] {
  if (!me) return [];
  const set = new Set<Role>();
  for (const g of me.grants) for (const r of grantableRoles[g.role]) set.add(r);
  return [...set];
}
