import type { Me } from '@thidua/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import type { MfaSetup, Ok, SsoInfo } from '../../app/types';

export const authApi = {
  signIn: (body: { username: string; password: string; totp?: string }) =>
    api.post<Me>('/api/auth/sign-in', body, { quiet: true }),
  forgot: (login: string) => api.post<Ok>('/api/auth/password/forgot', { login }, { quiet: true }),
  reset: (token: string, password: string) => api.post<Ok>('/api/auth/password/reset', { token, password }, { quiet: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<Ok>('/api/auth/password/change', { currentPassword, newPassword }),
  mfaSetup: () => api.post<MfaSetup>('/api/auth/mfa/setup'),
  mfaEnable: (code: string) => api.post<Me>('/api/auth/mfa/enable', { code }),
  mfaDisable: (code: string) => api.post<Me>('/api/auth/mfa/disable', { code }),
};

/** Whether single sign-on is offered; a server without it (or an error) means no button. */
export function useSsoInfo() {
  return useQuery({
    queryKey: ['sso-info'],
    queryFn: async (): Promise<SsoInfo> => {
      try {
        return await api.get<SsoInfo>('/api/auth/sso', undefined, { quiet: true });
      } catch (e) {
        if (e instanceof ApiError) return { enabled: false, label: '' };
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export const PASSWORD_MIN = 10;
export const TOTP_PATTERN = /^\d{6}$/;
