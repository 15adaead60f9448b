import type { PlanDetail } from '@thidua/contracts';

// Cascade (áp dụng kế hoạch cấp trên): adopting a parent plan, comparing with it, and the changes
// the parent published later, offered to adopters.

/** The "Adopt for my unit" button on a published plan; nothing while the actor cannot adopt it. */
export function AdoptPlanButton(_props: { plan: PlanDetail }) {
  return null;
}

/** A notice on an adopting plan when its parent has published changes since; nothing otherwise. */
export function ParentChangesAlert(_props: { plan: PlanDetail }) {
  return null;
}
