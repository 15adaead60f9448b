import type { CreateReportTemplateBody, IndicatorSourceList, ReportTemplateView, TemplatesFromPlanResult, UpdateReportTemplateBody } from '@thidua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { reportKeys } from './reports-api';

// The template editor's calls (trình soạn mẫu báo cáo): the indicator registry, creating a plan's
// template and changing one. Reading templates goes through reports-api.ts, whose cache the
// report pages share.

export const templatesApi = {
  sources: () => api.get<IndicatorSourceList>('/api/report-templates/sources'),
  create: (body: CreateReportTemplateBody) => api.post<ReportTemplateView>('/api/report-templates', body),
  fromPlan: (planId: number) => api.post<TemplatesFromPlanResult>('/api/report-templates/from-plan', { planId }),
  update: (id: number, body: UpdateReportTemplateBody) => api.patch<ReportTemplateView>(`/api/report-templates/${id}`, body),
};

/** The sources an indicator may be counted from; they change only with a new release of the server. */
export function useIndicatorSources() {
  return useQuery({ queryKey: ['reports', 'sources'], queryFn: templatesApi.sources, staleTime: Infinity });
}

/** The plan's templates made from the deadlines it states; the template lists marked stale. */
export function useTemplatesFromPlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: templatesApi.fromPlan,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports', 'templates'] }),
  });
}

/** A write answered by the template as it now stands: remembered, and the template lists marked stale. */
export function useTemplateChange<A>(fn: (args: A) => Promise<ReportTemplateView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (tpl) => {
      qc.setQueryData(reportKeys.template(tpl.id), tpl);
      void qc.invalidateQueries({ queryKey: ['reports', 'templates'] });
    },
  });
}
