// Response types inferred from the contracts' Zod schemas (type-only: no Zod code reaches the bundle).
import type {
  auditPage,
  auditVerifyResponse,
  mfaSetupResponse,
  peoplePage,
  roleGrantList,
  roleGrantView,
  ssoInfoResponse,
  unitList,
  usersPage,
} from '@thidua/contracts';

type Out<S> = S extends { _output: infer O } ? O : never;

export type UnitList = Out<typeof unitList>;
export type PeoplePage = Out<typeof peoplePage>;
export type UsersPage = Out<typeof usersPage>;
export type RoleGrantView = Out<typeof roleGrantView>;
export type RoleGrantList = Out<typeof roleGrantList>;
export type AuditPage = Out<typeof auditPage>;
export type AuditVerify = Out<typeof auditVerifyResponse>;
export type MfaSetup = Out<typeof mfaSetupResponse>;
export type SsoInfo = Out<typeof ssoInfoResponse>;
export type BlockKind = 'khoi' | 'cum';
export interface Ok {
  ok: true;
}
