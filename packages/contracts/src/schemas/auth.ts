import { z } from 'zod';
import { roles } from '../enums.js';

export const signInBody = z.object({
  username: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
  totp: z.string().trim().regex(/^\d{6}$/).optional(),
});
export type SignInBody = z.infer<typeof signInBody>;

export const grantView = z.object({
  id: z.number().int(),
  role: z.enum(roles),
  unitId: z.number().int(),
  unitName: z.string(),
  unitPath: z.string(),
});
export type GrantView = z.infer<typeof grantView>;

export const meResponse = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  personId: z.number().int().nullable(),
  mfaEnabled: z.boolean(),
  /** True when the account must set up TOTP before doing anything else (system administrators). */
  mfaSetupRequired: z.boolean(),
  grants: z.array(grantView),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meResponse>;

export const forgotPasswordBody = z.object({ login: z.string().trim().min(1).max(200) });
export const resetPasswordBody = z.object({ token: z.string().min(10).max(200), password: z.string().max(1000) });
export const changePasswordBody = z.object({ currentPassword: z.string().max(1000), newPassword: z.string().max(1000) });
export const mfaSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const mfaCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/) });
export const ssoInfoResponse = z.object({ enabled: z.boolean(), label: z.string() });
