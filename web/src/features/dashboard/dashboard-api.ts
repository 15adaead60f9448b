import type { DashboardView, RankingView } from '@thidua/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../app/api';

// The dashboard (tổng hợp) and rankings (xếp hạng): the calls, their cache keys and hooks. The
// figures are live on the server; the client only keeps them while the page is open.

export interface DashboardKey {
  movementId: number;
  year: number;
  unitId: number;
}

export type RankingKey = { movementId: number; year: number } & ({ blockId: number; unitId?: never } | { unitId: number; blockId?: never });

export const dashboardApi = {
  dashboard: (k: DashboardKey) => api.get<DashboardView>('/api/dashboard', { ...k }),
  rankings: (k: RankingKey) => api.get<RankingView>('/api/rankings', { ...k }),
};

/** Where "Xuất Excel" downloads from: the server names the file. */
export const dashboardExportUrl = (k: DashboardKey) => withQuery('/api/dashboard/export.xlsx', { ...k });
export const rankingExportUrl = (k: RankingKey) => withQuery('/api/rankings/export.xlsx', { ...k });
/** Each official's office-culture result of the year, for the yearly rating (xếp loại cuối năm). */
export const yearlyResultsUrl = (k: { movementId: number; year: number; unitId: number }, format: 'xlsx' | 'csv') => withQuery(`/api/yearly-results.${format}`, { ...k });

export const dashboardKeys = {
  dashboard: (k: DashboardKey) => ['dashboard', k] as const,
  rankings: (k: RankingKey) => ['rankings', k] as const,
};

export function useDashboard(k: DashboardKey | null) {
  return useQuery({
    queryKey: dashboardKeys.dashboard(k ?? { movementId: 0, year: 0, unitId: 0 }),
    queryFn: () => dashboardApi.dashboard(k!),
    enabled: k !== null,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export function useRankings(k: RankingKey | null) {
  return useQuery({
    queryKey: dashboardKeys.rankings(k ?? { movementId: 0, year: 0, unitId: 0 }),
    queryFn: () => dashboardApi.rankings(k!),
    enabled: k !== null,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
