import type { AddFundEntryBody, AdjustNominationBody, CastBallotBody, FundLedger, IssueDecisionBody, OpenRoundBody, RoundList, RoundView } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

// The commendation flow of a unit (khen thưởng): rounds of bình xét, the council's secret ballot
// and the decision. Every step answers with the whole round.

export const roundsApi = {
  list: (year?: number) => api.get<RoundList>('/api/award-rounds', year ? { year } : undefined),
  get: (id: number) => api.get<RoundView>(`/api/award-rounds/${id}`),
  open: (body: OpenRoundBody) => api.post<RoundView>('/api/award-rounds', body),
  adjust: (id: number, nominationId: number, body: AdjustNominationBody) => api.post<RoundView>(`/api/award-rounds/${id}/nominations/${nominationId}`, body),
  openVote: (id: number) => api.post<RoundView>(`/api/award-rounds/${id}/vote/open`),
  ballot: (id: number, body: CastBallotBody) => api.post<RoundView>(`/api/award-rounds/${id}/ballot`, body),
  closeVote: (id: number) => api.post<RoundView>(`/api/award-rounds/${id}/vote/close`),
  decide: (id: number, body: IssueDecisionBody) => api.post<RoundView>(`/api/award-rounds/${id}/decision`, body),
  fund: (unitId: number, year: number) => api.get<FundLedger>(`/api/units/${unitId}/fund`, { year }),
  addFundEntry: (unitId: number, body: AddFundEntryBody) => api.post<FundLedger>(`/api/units/${unitId}/fund/entries`, body),
};

export const roundFiles = {
  docx: (id: number) => `/api/award-rounds/${id}/decision.docx`,
  pdf: (id: number) => `/api/award-rounds/${id}/decision.pdf`,
  certificates: (id: number) => `/api/award-rounds/${id}/certificates.pdf`,
  minutesDocx: (id: number) => `/api/award-rounds/${id}/minutes.docx`,
  minutesPdf: (id: number) => `/api/award-rounds/${id}/minutes.pdf`,
};

export const roundKeys = {
  all: ['award-rounds'] as const,
  list: (year?: number) => ['award-rounds', 'list', year ?? null] as const,
  round: (id: number) => ['award-rounds', id] as const,
  fund: (unitId: number, year: number) => ['award-fund', unitId, year] as const,
};

export function useRounds(year?: number) {
  return useQuery({ queryKey: roundKeys.list(year), queryFn: () => roundsApi.list(year) });
}

/** A round; while the council votes, the count of ballots refreshes itself. */
export function useRound(id: number) {
  return useQuery({
    queryKey: roundKeys.round(id),
    queryFn: () => roundsApi.get(id),
    enabled: id > 0,
    refetchInterval: (q) => (q.state.data?.status === 'voting' ? 15_000 : false),
  });
}

export function useFund(unitId: number | undefined, year: number) {
  return useQuery({ queryKey: roundKeys.fund(unitId ?? 0, year), queryFn: () => roundsApi.fund(unitId!, year), enabled: !!unitId });
}
