import type { Role, UserView } from '@thidua/contracts';
import { api } from '../../app/api';
import type { Ok, RoleGrantView, UsersPage } from '../../app/types';

export const accountsApi = {
  list: (p: { page: number; pageSize: number; q?: string; unitId?: number }) => api.get<UsersPage>('/api/users', p),
  create: (body: { username: string; displayName: string; email?: string | null; personId?: number | null; password: string }) =>
    api.post<UserView>('/api/users', body),
  update: (id: number, body: { displayName?: string; email?: string | null; isActive?: boolean; unlock?: boolean }) =>
    api.patch<UserView>(`/api/users/${id}`, body),
  grant: (body: { userId: number; role: Role; unitId: number }) => api.post<RoleGrantView>('/api/role-grants', body),
  revoke: (grantId: number) => api.delete<Ok>(`/api/role-grants/${grantId}`),
};
