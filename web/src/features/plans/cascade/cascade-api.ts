import type { DecideParentChangesBody, ParentChanges, PlanComparison, PlanDetail } from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { planKeys } from '../plans-api';

// The cascade's calls (áp dụng kế hoạch cấp trên): adopt, compare with the parent, and the parent's
// later changes offered to this plan.

export const cascadeApi = {
  adopt: (planId: number, unitId: number) => api.post<PlanDetail>(`/api/plans/${planId}/adopt`, { unitId }),
  comparison: (planId: number) => api.get<PlanComparison>(`/api/plans/${planId}/comparison`),
  parentChanges: (planId: number) => api.get<ParentChanges>(`/api/plans/${planId}/parent-changes`),
  decide: (planId: number, body: DecideParentChangesBody) => api.post<PlanDetail>(`/api/plans/${planId}/parent-changes`, body),
};

export const cascadeKeys = {
  comparison: (planId: number) => [...planKeys.detail(planId), 'comparison'] as const,
  parentChanges: (planId: number) => [...planKeys.detail(planId), 'parent-changes'] as const,
};

export function useComparison(planId: number) {
  return useQuery({ queryKey: cascadeKeys.comparison(planId), queryFn: () => cascadeApi.comparison(planId), enabled: planId > 0 });
}

export function useParentChanges(planId: number, enabled: boolean) {
  return useQuery({ queryKey: cascadeKeys.parentChanges(planId), queryFn: () => cascadeApi.parentChanges(planId), enabled: enabled && planId > 0 });
}

/** Remembers the plan the server answered with; the lists, and what hangs off the plan, go stale. */
function useRememberAnswer() {
  const qc = useQueryClient();
  return (plan: PlanDetail, planId?: number) => {
    qc.setQueryData(planKeys.detail(plan.id), plan);
    void qc.invalidateQueries({ queryKey: planKeys.lists });
    // The plan decided on may differ from the answer (a new version): its own view is stale too.
    if (planId !== undefined && planId !== plan.id) void qc.invalidateQueries({ queryKey: planKeys.detail(planId) });
    void qc.invalidateQueries({ queryKey: cascadeKeys.comparison(plan.id) });
    void qc.invalidateQueries({ queryKey: cascadeKeys.parentChanges(plan.id) });
  };
}

export function useAdopt(planId: number) {
  const remember = useRememberAnswer();
  return useMutation({ mutationFn: (unitId: number) => cascadeApi.adopt(planId, unitId), onSuccess: (plan) => remember(plan) });
}

export function useDecideParentChanges(planId: number) {
  const remember = useRememberAnswer();
  return useMutation({ mutationFn: (body: DecideParentChangesBody) => cascadeApi.decide(planId, body), onSuccess: (plan) => remember(plan, planId) });
}
