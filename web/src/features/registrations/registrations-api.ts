import type {
  BoardMissingPage,
  BoardScope,
  BulkRegisterBody,
  BulkRegisterResult,
  CreateRegistrationBody,
  MovementOption,
  MyRegistration,
  RegistrationBoard,
  RegistrationView,
  RemindResult,
  UnitRoster,
  UpdateRegistrationBody,
} from '@thidua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

// Registration (đăng ký thi đua): the calls of /api/registrations, their cache keys and hooks.

export interface BoardKey {
  movementId: number;
  year: number;
  unitId: number;
}

export interface MissingKey extends BoardKey {
  scope: BoardScope;
  blockId?: number;
  page: number;
  pageSize: number;
}

export const registrationsApi = {
  me: (movementId?: number, year?: number) => api.get<MyRegistration>('/api/registrations/me', { movementId, year }),
  movements: (unitId: number) => api.get<{ items: MovementOption[] }>('/api/registrations/movements', { unitId }),
  roster: (k: BoardKey & { q?: string }) => api.get<UnitRoster>('/api/registrations/roster', { ...k, pageSize: 500 }),
  board: (k: BoardKey) => api.get<RegistrationBoard>('/api/registrations/board', { ...k }),
  missing: (k: MissingKey) => api.get<BoardMissingPage>('/api/registrations/board/missing', { ...k }),
  create: (body: CreateRegistrationBody) => api.post<RegistrationView>('/api/registrations', body),
  bulk: (body: BulkRegisterBody) => api.post<BulkRegisterResult>('/api/registrations/bulk', body),
  update: (id: number, body: UpdateRegistrationBody) => api.patch<RegistrationView>(`/api/registrations/${id}`, body),
  withdraw: (id: number) => api.post<RegistrationView>(`/api/registrations/${id}/withdraw`),
  remind: (body: { movementId: number; year: number; unitIds: number[] }) => api.post<RemindResult>('/api/registrations/reminders', body),
};

/** The printable registration form (bản đăng ký thi đua), served by the documents module. */
export const registrationDocumentUrl = (id: number) => `/api/registrations/${id}/document.docx`;

export const registrationKeys = {
  all: ['registrations'] as const,
  me: (movementId?: number, year?: number) => ['registrations', 'me', movementId ?? null, year ?? null] as const,
  movements: (unitId: number) => ['registrations', 'movements', unitId] as const,
  roster: (k: BoardKey & { q?: string }) => ['registrations', 'roster', k] as const,
  board: (k: BoardKey) => ['registrations', 'board', k] as const,
  missing: (k: MissingKey) => ['registrations', 'missing', k] as const,
};

export function useMyRegistration(movementId?: number, year?: number) {
  return useQuery({
    queryKey: registrationKeys.me(movementId, year),
    queryFn: () => registrationsApi.me(movementId, year),
    placeholderData: keepPreviousData,
  });
}

export function useMovementOptions(unitId: number | undefined) {
  return useQuery({
    queryKey: registrationKeys.movements(unitId ?? 0),
    queryFn: () => registrationsApi.movements(unitId!),
    enabled: !!unitId,
    staleTime: 30_000,
  });
}

export function useRoster(k: (BoardKey & { q?: string }) | null) {
  return useQuery({
    queryKey: registrationKeys.roster(k ?? { movementId: 0, year: 0, unitId: 0 }),
    queryFn: () => registrationsApi.roster(k!),
    enabled: k !== null,
    placeholderData: keepPreviousData,
  });
}

export function useBoard(k: BoardKey | null) {
  return useQuery({
    queryKey: registrationKeys.board(k ?? { movementId: 0, year: 0, unitId: 0 }),
    queryFn: () => registrationsApi.board(k!),
    enabled: k !== null,
    placeholderData: keepPreviousData,
  });
}

export function useMissing(k: MissingKey) {
  return useQuery({ queryKey: registrationKeys.missing(k), queryFn: () => registrationsApi.missing(k), placeholderData: keepPreviousData });
}

/** A write whose answer makes every registration view stale (mine, rosters, boards). */
export function useRegistrationChange<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: registrationKeys.all }),
  });
}
