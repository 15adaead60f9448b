import { permissions, roles, type AssessmentOperation, type AssessmentStage, type CriterionSubject, type Role } from '@thidua/contracts';
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

/**
 * Roles that may read other people's assessments in their subtree. A plain staff member
 * (cán bộ, công chức, viên chức) reads the unit's directory but not colleagues' score sheets.
 */
const readerRoles: readonly Role[] = roles.filter((r) => r !== 'staff_member');

const isSubject = (actor: Actor, a: AssessmentRef) => a.personId !== null && actor.personId === a.personId;

/** The person themself, or anyone holding a role other than staff member over the unit. */
export function canViewAssessment(actor: Actor, a: AssessmentRef): boolean {
  return isSubject(actor, a) || actor.grants.some((g) => readerRoles.includes(g.role) && isWithin(a.unitPath, g.unitPath));
}

/**
 * Self-assessment (tự đánh giá): a person assesses themself; a collective is assessed by its own
 * head or emulation officer (or the standing body above).
 */
export function canSelfAssess(actor: Actor, a: AssessmentRef): boolean {
  if (a.stage !== 'self') return false;
  if (a.subject === 'individual') return isSubject(actor, a);
  return can(actor, 'registration.write', a.unitPath);
}

/**
 * The head's review (thủ trưởng chấm điểm): for a person, a head of the person's unit or above,
 * never the person themself; for a collective, a head granted strictly above the unit.
 */
export function canReview(actor: Actor, a: AssessmentRef): boolean {
  if (a.stage !== 'review') return false;
  if (isSubject(actor, a)) return false;
  const allowed = permissions['assessment.review'];
  return actor.grants.some(
    (g) => allowed.includes(g.role) && isWithin(a.unitPath, g.unitPath) && (a.subject === 'individual' || a.unitPath !== g.unitPath),
  );
}

/** The council (Hội đồng Thi đua - Khen thưởng) of the unit or of a level above; never on oneself. */
export function canCouncilReview(actor: Actor, a: AssessmentRef): boolean {
  if (a.stage !== 'council') return false;
  if (isSubject(actor, a)) return false;
  return can(actor, 'assessment.council', a.unitPath);
}

/** Whoever holds the assessment at its current stage may change it (scores, evidence); none once final. */
export function canWorkOn(actor: Actor, a: AssessmentRef): boolean {
  return canSelfAssess(actor, a) || canReview(actor, a) || canCouncilReview(actor, a);
}

/** Reopening a final assessment is the council's exception, never on oneself. */
export function canReopen(actor: Actor, a: AssessmentRef): boolean {
  return a.stage === 'final' && canCouncilReview(actor, { ...a, stage: 'council' });
}

/**
 * Opening the assessment of a registered subject: the person themself, or whoever registers for
 * the unit, reviews or sits on its council (they may open it on the subject's behalf).
 */
export function canOpen(actor: Actor, a: Pick<AssessmentRef, 'subject' | 'unitPath' | 'personId'>): boolean {
  const ref: AssessmentRef = { ...a, stage: 'self' };
  return (
    isSubject(actor, ref) ||
    can(actor, 'registration.write', a.unitPath) ||
    canReview(actor, { ...ref, stage: 'review' }) ||
    canCouncilReview(actor, { ...ref, stage: 'council' })
  );
}

/** Recording discipline (kỷ luật) for a person of the unit. */
export function canRecordDiscipline(actor: Actor, unitPath: string, personId: number): boolean {
  return actor.personId !== personId && can(actor, 'discipline.write', unitPath);
}

/**
 * Which stages' columns the actor sees. Officials see all three. The assessed person sees their own
 * column, and the head's and the council's once the assessment is final: until then the scoring
 * is the reviewers' work in progress (a return comes with its reason).
 */
export function visibleStages(actor: Actor, a: AssessmentRef): ('self' | 'review' | 'council')[] {
  if (isSubject(actor, a) && a.stage !== 'final') return ['self'];
  return ['self', 'review', 'council'];
}

/** The buttons that will work for the actor now. */
export function assessmentOperations(actor: Actor, a: AssessmentRef): AssessmentOperation[] {
  const ops: AssessmentOperation[] = [];
  const holds = canWorkOn(actor, a);
  if (holds) ops.push('scores');
  if (holds && a.stage !== 'council') ops.push('submit');
  if ((canReview(actor, a) || canCouncilReview(actor, a)) && a.stage !== 'self') ops.push('return');
  if (canCouncilReview(actor, a)) ops.push('finalise');
  if (canReopen(actor, a)) ops.push('reopen');
  if (a.personId !== null && canRecordDiscipline(actor, a.unitPath, a.personId)) ops.push('discipline');
  return ops;
}
