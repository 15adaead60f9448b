import type {
  CreateMovementBody,
  CreatePlanBody,
  ListPlansQuery,
  MovementList,
  MovementView,
  PlanDetail,
  PlanList,
  ReplaceCriteriaBody,
  UpdatePlanBody,
} from '@thidua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

// Movements (phong trào thi đua) and plans (kế hoạch): the calls of /api/movements and /api/plans,
// their cache keys, and the hooks the pages use.

export const plansApi = {
  movements: () => api.get<MovementList>('/api/movements'),
  createMovement: (body: CreateMovementBody) => api.post<MovementView>('/api/movements', body),
  list: (q: ListPlansQuery) => api.get<PlanList>('/api/plans', { movementId: q.movementId, unitId: q.unitId, status: q.status }),
  get: (id: number) => api.get<PlanDetail>(`/api/plans/${id}`),
  /** Uploads a .docx, .xlsx or text file; the server parses it into a draft. */
  importFile: (file: File, movementId: number, unitId: number) => {
    const form = new FormData();
    form.append('movementId', String(movementId));
    form.append('unitId', String(unitId));
    form.append('file', file, file.name);
    return api.post<PlanDetail>('/api/plans/import', form);
  },
  create: (body: CreatePlanBody) => api.post<PlanDetail>('/api/plans', body),
  update: (id: number, body: UpdatePlanBody) => api.patch<PlanDetail>(`/api/plans/${id}`, body),
  replaceCriteria: (id: number, body: ReplaceCriteriaBody) => api.put<PlanDetail>(`/api/plans/${id}/criteria`, body),
  publish: (id: number) => api.post<PlanDetail>(`/api/plans/${id}/publish`),
  close: (id: number) => api.post<PlanDetail>(`/api/plans/${id}/close`),
  /** A draft copy (phiên bản mới) of a published or closed plan. */
  newVersion: (id: number) => api.post<PlanDetail>(`/api/plans/${id}/versions`),
};

export const planKeys = {
  all: ['plans'] as const,
  lists: ['plans', 'list'] as const,
  list: (q: ListPlansQuery) => ['plans', 'list', q] as const,
  detail: (id: number) => ['plans', 'detail', id] as const,
  movements: ['movements'] as const,
};

export function useMovements() {
  return useQuery({ queryKey: planKeys.movements, queryFn: plansApi.movements, staleTime: 30_000 });
}

export function usePlans(q: ListPlansQuery) {
  return useQuery({ queryKey: planKeys.list(q), queryFn: () => plansApi.list(q), placeholderData: keepPreviousData });
}

export function usePlan(id: number) {
  return useQuery({ queryKey: planKeys.detail(id), queryFn: () => plansApi.get(id), enabled: id > 0 });
}

/** Remembers a plan the server just answered with, and marks the lists stale. */
export function useRememberPlan() {
  const qc = useQueryClient();
  return (plan: PlanDetail) => {
    qc.setQueryData(planKeys.detail(plan.id), plan);
    void qc.invalidateQueries({ queryKey: planKeys.lists });
  };
}

/** A change to one plan whose answer is the plan as it now stands. */
export function usePlanChange<V>(change: (v: V) => Promise<PlanDetail>) {
  const remember = useRememberPlan();
  return useMutation({ mutationFn: change, onSuccess: remember });
}
