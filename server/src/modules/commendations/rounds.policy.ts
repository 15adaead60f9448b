import type { RoundAllowed } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import { isWithin, rootsOf, type Actor } from '../../platform/actor.js';
import type { RoundRow } from './commendations.repository.js';

// Who may do what with a round of bình xét, scoped by the unit that runs it: those who read the unit
// through a role of the organisation read its round (the council's members hold their role at the
// unit) — not a staff member as such, since the list says why each colleague falls short (a
// discipline, a rating): a staff member learns their own outcome in their record. The unit's emulation
// officer, its head and the standing body above run it; the head (or above) issues the decision.
// Voting is not a role's: only the members recorded when the vote opened cast a ballot.

/** Grants that read a round or a fund: any role but a staff member's. */
const officialGrants = (actor: Actor) => actor.grants.filter((g) => g.role !== 'staff_member');

export const canReadRound = (actor: Actor, r: Pick<RoundRow, 'unit_path'>) => officialGrants(actor).some((g) => isWithin(r.unit_path, g.unitPath));

/** The subtrees whose rounds the actor reads. */
export const roundRoots = (actor: Actor): string[] => rootsOf(officialGrants(actor).map((g) => g.unitPath));
export const canManageRound = (actor: Actor, r: Pick<RoundRow, 'unit_path'>) => can(actor, 'round.manage', r.unit_path);
export const canDecideRound = (actor: Actor, r: Pick<RoundRow, 'unit_path'>) => can(actor, 'award.decide', r.unit_path);

/** The buttons that will work for the actor at the round's step. */
export function roundAllowed(actor: Actor, r: Pick<RoundRow, 'unit_path' | 'status'>, ballot: { isMember: boolean; hasVoted: boolean }): RoundAllowed[] {
  const out: RoundAllowed[] = [];
  if (canManageRound(actor, r) && (r.status === 'proposing' || r.status === 'voting')) out.push('manage');
  if (r.status === 'voting' && ballot.isMember && !ballot.hasVoted) out.push('vote');
  if (r.status === 'voted' && canDecideRound(actor, r)) out.push('decide');
  return out;
}
