import type { EmploymentCategory, Gender, PersonBody, PersonDetail } from '@thidua/contracts';
import { api } from '../../app/api';
import type { PeoplePage } from '../../app/types';

export interface PeopleQuery {
  page: number;
  pageSize: number;
  q?: string;
  unitId?: number;
  includeSubunits?: boolean;
  category?: EmploymentCategory;
  gender?: Gender;
}

export type PersonUpdate = Partial<Omit<PersonBody, 'unitId'>> & { isActive?: boolean };

export const peopleApi = {
  list: (p: PeopleQuery) =>
    api.get<PeoplePage>('/api/people', {
      page: p.page,
      pageSize: p.pageSize,
      q: p.q,
      unitId: p.unitId,
      includeSubunits: p.unitId ? String(p.includeSubunits ?? true) : undefined,
      category: p.category,
      gender: p.gender,
    }),
  get: (id: number) => api.get<PersonDetail>(`/api/people/${id}`),
  create: (body: PersonBody) => api.post<PersonDetail>('/api/people', body),
  update: (id: number, body: PersonUpdate) => api.patch<PersonDetail>(`/api/people/${id}`, body),
  transfer: (id: number, body: { unitId: number; position: string | null; date: string }) =>
    api.post<PersonDetail>(`/api/people/${id}/transfer`, body),
};

export const personKeys = {
  all: ['people'] as const,
  list: (p: PeopleQuery) => ['people', 'list', p] as const,
  detail: (id: number) => ['people', 'detail', id] as const,
};
