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

/** Username or e-mail of the account whose password was forgotten. */
export const forgotPasswordBody = z.object({ login: z.string().trim().min(1).max(200) });
export type ForgotPasswordBody = z.infer<typeof forgotPasswordBody>;
/** The token from the e-mailed link and the new password. */
export const resetPasswordBody = z.object({ token: z.string().min(10).max(200), password: z.string().max(1000) });
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;
export const changePasswordBody = z.object({ currentPassword: z.string().max(1000), newPassword: z.string().max(1000) });
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;
/** A new TOTP secret (base32) and the otpauth:// URL to show as a QR code; pending until enabled. */
export const mfaSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type MfaSetup = z.infer<typeof mfaSetupResponse>;
export const mfaCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Mã gồm 6 chữ số / The code has 6 digits') });
export type MfaCodeBody = z.infer<typeof mfaCodeBody>;
export const ssoInfoResponse = z.object({ enabled: z.boolean(), label: z.string() });
export type SsoInfo = z.infer<typeof ssoInfoResponse>;
/** Where the web app wants to land after single sign-on: a path on this site, e.g. /ke-hoach/12. */
export const ssoStartQuery = z.object({ returnTo: z.string().max(1000).optional() });
