import type { AddInitiativeBody, AwardCode, EligibilityView, GrantAwardBody, PersonRecord, Rating } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

// Commendation (khen thưởng): a person's record of achievements (hồ sơ thành tích) and the
// eligibility of an award judged on it. Every write answers with the whole record.

export const awardsApi = {
  record: (personId: number) => api.get<PersonRecord>(`/api/people/${personId}/record`),
  setRating: (personId: number, year: number, rating: Rating | null) => api.put<PersonRecord>(`/api/people/${personId}/record/ratings/${year}`, { rating }),
  grant: (personId: number, body: GrantAwardBody) => api.post<PersonRecord>(`/api/people/${personId}/record/awards`, body),
  revokeGranted: (id: number, reason: string) => api.post<PersonRecord>(`/api/record/awards/${id}/revoke`, { reason }),
  addInitiative: (personId: number, body: AddInitiativeBody) => api.post<PersonRecord>(`/api/people/${personId}/record/initiatives`, body),
  revokeInitiative: (id: number, reason: string) => api.post<PersonRecord>(`/api/record/initiatives/${id}/revoke`, { reason }),
  eligibility: (personId: number, q: { award: AwardCode; year: number; proposedOn?: string }) =>
    api.get<EligibilityView>(`/api/people/${personId}/eligibility`, { award: q.award, year: q.year, ...(q.proposedOn ? { proposedOn: q.proposedOn } : {}) }),
};

export const recordKeys = {
  record: (personId: number) => ['record', personId] as const,
  eligibility: (personId: number) => ['record', personId, 'eligibility'] as const,
};

export function useRecord(personId: number) {
  return useQuery({ queryKey: recordKeys.record(personId), queryFn: () => awardsApi.record(personId), enabled: personId > 0 });
}
