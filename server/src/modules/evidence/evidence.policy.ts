import type { Actor } from '../../platform/actor.js';
import { canViewAssessment, canWorkOn, type AssessmentRef } from '../assessments/assessments.policy.js';

// Evidence (minh chứng) follows its assessment: whoever may read the assessment reads its
// evidence; whoever holds it at its current stage adds to it. Once final, nothing changes.

/** Reading an assessment's evidence and opening its files. */
export function canViewEvidence(actor: Actor, a: AssessmentRef): boolean {
  return canViewAssessment(actor, a);
}

/** Adding evidence: the holder of the assessment at its current stage, never once final. */
export function canAddEvidence(actor: Actor, a: AssessmentRef): boolean {
  return a.stage !== 'final' && canWorkOn(actor, a);
}

/**
 * Removing one piece of evidence: its uploader (a teacher who attached the wrong file may take it
 * back while the head reviews) or the current holder; never once final.
 */
export function canDeleteEvidence(actor: Actor, a: AssessmentRef, createdBy: number | null): boolean {
  if (a.stage === 'final' || !canViewAssessment(actor, a)) return false;
  return (createdBy !== null && createdBy === actor.userId) || canWorkOn(actor, a);
}
