import type { CreateUnitBody, DocumentSettingsBody, DocumentSettingsView, RetireUnitBody, UnitDetail, UnitView, UpdateUnitBody } from '@thidua/contracts';
import { api } from '../../app/api';
import type { UnitList } from '../../app/types';

export interface UnitListParams {
  parentId?: number;
  q?: string;
  includeInactive?: boolean;
  limit?: number;
}

export const unitsApi = {
  list: (p: UnitListParams = {}) =>
    api.get<UnitList>('/api/units', {
      parentId: p.parentId,
      q: p.q,
      includeInactive: p.includeInactive ? 'true' : undefined,
      limit: p.limit,
    }),
  get: (id: number) => api.get<UnitDetail>(`/api/units/${id}`),
  create: (body: CreateUnitBody) => api.post<UnitView>('/api/units', body),
  update: (id: number, body: UpdateUnitBody) => api.patch<UnitView>(`/api/units/${id}`, body),
  retire: (id: number, body: RetireUnitBody) => api.post<UnitView>(`/api/units/${id}/retire`, body),
  /** The unit's document settings (thể thức văn bản). */
  documentSettings: (id: number) => api.get<DocumentSettingsView>(`/api/units/${id}/document-settings`),
  saveDocumentSettings: (id: number, body: DocumentSettingsBody) => api.put<DocumentSettingsView>(`/api/units/${id}/document-settings`, body),
  resetDocumentSettings: (id: number) => api.delete<DocumentSettingsView>(`/api/units/${id}/document-settings`),
};

export const unitKeys = {
  all: ['units'] as const,
  detail: (id: number) => ['units', 'detail', id] as const,
  documentSettings: (id: number) => ['units', 'document-settings', id] as const,
  list: (p: UnitListParams) => ['units', 'list', p] as const,
};

/** Names of units seen so far, so pickers can label a value they did not fetch themselves. */
const names = new Map<number, { name: string; code: string; status: UnitView['status'] }>();

export function rememberUnits(units: { id: number; name: string; code?: string; status?: UnitView['status'] }[]): void {
  for (const u of units) {
    const old = names.get(u.id);
    names.set(u.id, { name: u.name, code: u.code ?? old?.code ?? '', status: u.status ?? old?.status ?? 'active' });
  }
}

export function knownUnit(id: number) {
  return names.get(id);
}
