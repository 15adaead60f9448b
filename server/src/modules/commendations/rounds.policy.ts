import type { RoundAllowed } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import type { RoundRow } from './commendations.repository.js';

// Who may do what with a round of bình xét, scoped by the unit that runs it: everyone who reads the
// unit reads its round (the council's members hold their role at the unit); the unit's emulation
// officer, its head and the standing body above run it; the head (or above) issues the decision.
// Voting is not a role's: only the members recorded when the vote opened cast a ballot.

export const canReadRound = (actor: Actor, r: Pick<RoundRow, 'unit_path'>) => can(actor, 'unit.read', r.unit_path);
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
