import type {
  AssessmentDetail,
  AssessmentListView,
  AssessmentsPage,
  CreateDisciplineBody,
  DisciplineView,
  MovementList,
  SaveScoresBody,
} from '@thidua/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

// Assessment (đánh giá, chấm điểm): the calls of /api/assessments and /api/disciplines, cache keys, hooks.

export interface AssessmentListKey {
  view: AssessmentListView;
  page: number;
  pageSize: number;
  movementId?: number;
  year?: number;
  unitId?: number;
  flagged?: boolean;
  q?: string;
}

export const assessmentsApi = {
  movements: () => api.get<MovementList>('/api/movements'),
  list: (k: AssessmentListKey) => api.get<AssessmentsPage>('/api/assessments', { ...k, flagged: k.flagged ? 'true' : undefined }),
  get: (id: number) => api.get<AssessmentDetail>(`/api/assessments/${id}`),
  open: (body: { movementId: number; year: number; personId?: number; unitId?: number }) => api.post<AssessmentDetail>('/api/assessments', body),
  saveScores: (id: number, body: SaveScoresBody, opts: { keepalive?: boolean } = {}) => api.put<AssessmentDetail>(`/api/assessments/${id}/scores`, body, opts),
  submit: (id: number) => api.post<AssessmentDetail>(`/api/assessments/${id}/submit`),
  return: (id: number, body: { reason: string; to?: 'self' | 'review' }) => api.post<AssessmentDetail>(`/api/assessments/${id}/return`, body),
  finalise: (id: number, body: { overrideReason?: string }) => api.post<AssessmentDetail>(`/api/assessments/${id}/finalise`, body),
  reopen: (id: number, body: { reason: string }) => api.post<AssessmentDetail>(`/api/assessments/${id}/reopen`, body),
  recordDiscipline: (body: CreateDisciplineBody) => api.post<DisciplineView>('/api/disciplines', body),
  revokeDiscipline: (id: number, reason: string) => api.post<DisciplineView>(`/api/disciplines/${id}/revoke`, { reason }),
};

/** The printable self-assessment sheet (phiếu tự đánh giá), served by the documents module. */
export const assessmentSheetUrl = (id: number) => `/api/assessments/${id}/sheet.docx`;

export const assessmentKeys = {
  all: ['assessments'] as const,
  list: (k: AssessmentListKey) => ['assessments', 'list', k] as const,
  detail: (id: number) => ['assessments', 'detail', id] as const,
  movements: ['assessments', 'movements'] as const,
};

export function useAssessmentList(k: AssessmentListKey | null) {
  return useQuery({
    queryKey: assessmentKeys.list(k ?? { view: 'mine', page: 1, pageSize: 20 }),
    queryFn: () => assessmentsApi.list(k!),
    enabled: k !== null,
    placeholderData: keepPreviousData,
  });
}

export function useAssessment(id: number) {
  // Not refetched on focus: the sheet's drafts are typed on the revision it holds (a change made
  // elsewhere shows as a conflict when the next draft is saved).
  return useQuery({ queryKey: assessmentKeys.detail(id), queryFn: () => assessmentsApi.get(id), enabled: id > 0, refetchOnWindowFocus: false });
}

export function useMovementList() {
  return useQuery({ queryKey: assessmentKeys.movements, queryFn: assessmentsApi.movements, staleTime: 30_000 });
}

/** Puts a sheet the server just answered with into the cache, and marks the lists stale. */
export function useRememberAssessment() {
  const qc = useQueryClient();
  return (a: AssessmentDetail) => {
    qc.setQueryData(assessmentKeys.detail(a.id), a);
    void qc.invalidateQueries({ queryKey: ['assessments', 'list'] });
  };
}
