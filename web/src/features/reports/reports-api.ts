import type {
  OpenReportBody,
  ReportBoard,
  ReportBoardQuery,
  ReportDetail,
  ReportList,
  ReportRemindResult,
  ReportTemplateList,
  ReportTemplateView,
  SaveReportBody,
} from '@thidua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

// Periodic reports (báo cáo định kỳ): the calls of /api/report-templates and /api/reports, their
// cache keys and hooks.

export const reportsApi = {
  templates: (q: { planId?: number; unitId?: number }) => api.get<ReportTemplateList>('/api/report-templates', { ...q }),
  template: (id: number) => api.get<ReportTemplateView>(`/api/report-templates/${id}`),
  list: (q: { templateId: number; periodKey: string; unitId: number }) => api.get<ReportList>('/api/reports', { ...q }),
  get: (id: number) => api.get<ReportDetail>(`/api/reports/${id}`),
  open: (body: OpenReportBody) => api.post<ReportDetail>('/api/reports', body),
  save: (id: number, body: SaveReportBody, opts: { keepalive?: boolean } = {}) => api.put<ReportDetail>(`/api/reports/${id}`, body, opts),
  submit: (id: number) => api.post<ReportDetail>(`/api/reports/${id}/submit`),
  recall: (id: number) => api.post<ReportDetail>(`/api/reports/${id}/recall`),
  return: (id: number, reason: string) => api.post<ReportDetail>(`/api/reports/${id}/return`, { reason }),
  accept: (id: number) => api.post<ReportDetail>(`/api/reports/${id}/accept`),
  lockException: (id: number, reason: string) => api.post<ReportDetail>(`/api/reports/${id}/lock-exception`, { reason }),
  refresh: (id: number) => api.post<ReportDetail>(`/api/reports/${id}/refresh`),
  board: (q: ReportBoardQuery) => api.get<ReportBoard>('/api/reports/board', { ...q }),
  remind: (body: { templateId: number; periodKey: string; unitIds: number[] }) => api.post<ReportRemindResult>('/api/reports/board/remind', body),
};

/** The report as documents, served by the reports module (Nghị định 30/2020 layout). */
export const reportFiles = {
  docx: (id: number) => `/api/reports/${id}/document.docx`,
  pdf: (id: number) => `/api/reports/${id}/document.pdf`,
  children: (id: number) => `/api/reports/${id}/children.xlsx`,
};

export const reportKeys = {
  all: ['reports'] as const,
  templates: (q: { planId?: number; unitId?: number }) => ['reports', 'templates', q.planId ?? null, q.unitId ?? null] as const,
  template: (id: number) => ['reports', 'template', id] as const,
  list: (q: { templateId: number; periodKey: string; unitId: number }) => ['reports', 'list', q] as const,
  detail: (id: number) => ['reports', 'detail', id] as const,
  board: (q: ReportBoardQuery) => ['reports', 'board', q] as const,
};

/** A plan's templates; else the system's, with `unitId` after those of the plans covering that unit. */
export function useReportTemplates(q: { planId?: number; unitId?: number } = {}) {
  return useQuery({ queryKey: reportKeys.templates(q), queryFn: () => reportsApi.templates(q), staleTime: 30_000 });
}

export function useReportTemplate(id: number | undefined) {
  return useQuery({ queryKey: reportKeys.template(id ?? 0), queryFn: () => reportsApi.template(id!), enabled: !!id, staleTime: 30_000 });
}

export function useReportList(q: { templateId: number; periodKey: string; unitId: number } | null) {
  return useQuery({
    queryKey: reportKeys.list(q ?? { templateId: 0, periodKey: '', unitId: 0 }),
    queryFn: () => reportsApi.list(q!),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: number) {
  // Not refetched on focus: a new answer restarts the editor and would drop what is being typed.
  return useQuery({ queryKey: reportKeys.detail(id), queryFn: () => reportsApi.get(id), enabled: id > 0, refetchOnWindowFocus: false });
}

export function useReportBoard(q: ReportBoardQuery | null) {
  return useQuery({
    queryKey: reportKeys.board(q ?? { templateId: 0, periodKey: '', unitId: 0 }),
    queryFn: () => reportsApi.board(q!),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

/** A write whose answer is the report as it now stands: remembered, and every list and board marked stale. */
export function useReportChange<A>(fn: (args: A) => Promise<ReportDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      qc.setQueryData(reportKeys.detail(r.id), r);
      void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
      void qc.invalidateQueries({ queryKey: ['reports', 'board'] });
    },
  });
}

/** Reminding units to report (đôn đốc); the board is reloaded afterwards. */
export function useRemind() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: reportsApi.remind,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports', 'board'] }),
  });
}
