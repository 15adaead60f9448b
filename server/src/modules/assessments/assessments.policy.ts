import { permissions, type AssessmentStage, type CriterionSubject } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import { isWithin, type Actor } from '../../platform/actor.js';

/** What the policies need to know of one assessment (đánh giá). */
export interface AssessmentRef {
  subject: CriterionSubject;
  stage: AssessmentStage;
  /** ltree path of the assessed unit (the collective, or the person's unit). */
  unitPath: string;
  /** The assessed person, for an individual assessment. */
  personId: number | null;
}

/** The person themself, or anyone who may read the unit's records. */
export function canViewAssessment(actor: Actor, a: AssessmentRef): boolean {
  return (a.personId !== null && actor.personId === a.personId) || can(actor, 'unit.read', a.unitPath);
}

/**
 * Self-assessment (tự đánh giá): a person assesses themself; a collective is assessed by its own
 * head or emulation officer (or the standing body above).
 */
export function canSelfAssess(actor: Actor, a: AssessmentRef): boolean {
  if (a.stage !== 'self') return false;
  if (a.subject === 'individual') return a.personId !== null && actor.personId === a.personId;
  return can(actor, 'registration.write', a.unitPath);
}

/**
 * The head's review (thủ trưởng chấm điểm): for a person, a head of the person's unit or above,
 * never the person themself; for a collective, a head granted strictly above the unit.
 */
export function canReview(actor: Actor, a: AssessmentRef): boolean {
  if (a.stage !== 'review') return false;
  if (a.personId !== null && actor.personId === a.personId) return false;
  const roles = permissions['assessment.review'];
  return actor.grants.some(
    (g) => roles.includes(g.role) && isWithin(a.unitPath, g.unitPath) && (a.subject === 'individual' || a.unitPath !== g.unitPath),
  );
}

/** The council (Hội đồng Thi đua - Khen thưởng) of the unit or of a level above; never on oneself. */
export function canCouncilReview(actor: Actor, a: AssessmentRef): boolean {
  if (a.stage !== 'council') return false;
  if (a.personId !== null && actor.personId === a.personId) return false;
  return can(actor, 'assessment.council', a.unitPath);
}

/** Whoever holds the assessment at its current stage may change it (scores, evidence); none once final. */
export function canWorkOn(actor: Actor, a: AssessmentRef): boolean {
  return canSelfAssess(actor, a) || canReview(actor, a) || canCouncilReview(actor, a);
}
