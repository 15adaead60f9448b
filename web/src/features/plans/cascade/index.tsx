// Cascade (áp dụng kế hoạch cấp trên): adopting a parent plan, comparing with it, and the changes
// the parent published later, offered to adopters. The plan pages render these two.
export { AdoptPlanButton } from './adopt-plan-button';
export { ParentChangesAlert } from './parent-changes-alert';
