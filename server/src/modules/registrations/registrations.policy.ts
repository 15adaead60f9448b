import type { RegistrationOperation } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';

/** What the policies need to know of one registration (đăng ký thi đua). */
export interface RegistrationRef {
  /** ltree path of the registered unit (the collective, or the person's unit). */
  unitPath: string;
  /** The registered person, for an individual registration. */
  personId: number | null;
  status: string;
  /** The subject's assessment stage for the same movement and year, if one exists. */
  assessmentStage: string | null;
}

const isOwn = (actor: Actor, r: Pick<RegistrationRef, 'personId'>) => r.personId !== null && actor.personId === r.personId;

/** The person themself, or anyone who may read the unit's records. */
export function canViewRegistration(actor: Actor, r: Pick<RegistrationRef, 'unitPath' | 'personId'>): boolean {
  return isOwn(actor, r) || can(actor, 'unit.read', r.unitPath);
}

/** Everyone registers themself; registering others (people or the unit as a collective) takes registration.write there. */
export function canRegisterFor(actor: Actor, r: Pick<RegistrationRef, 'unitPath' | 'personId'>): boolean {
  return isOwn(actor, r) || can(actor, 'registration.write', r.unitPath);
}

/**
 * A registration is settled once the subject's assessment has left self-assessment: the head and
 * the council score against the title it aims for.
 */
export function isLocked(r: Pick<RegistrationRef, 'assessmentStage'>): boolean {
  return r.assessmentStage !== null && r.assessmentStage !== 'self';
}

/** The buttons the UI may show for one registration now. */
export function registrationOperations(actor: Actor, r: RegistrationRef): RegistrationOperation[] {
  if (!canRegisterFor(actor, r) || r.status !== 'registered' || isLocked(r)) return [];
  return ['edit', 'withdraw'];
}
