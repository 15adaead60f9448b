// Readable names of audit actions and entities; unknown codes are shown as they are.
type Label = { vi: string; en: string };

export const entityLabels: Record<string, Label> = {
  unit: { vi: 'Đơn vị', en: 'Unit' },
  person: { vi: 'Cán bộ', en: 'Person' },
  user: { vi: 'Tài khoản', en: 'Account' },
  role_grant: { vi: 'Phân quyền', en: 'Role grant' },
  block: { vi: 'Khối/Cụm thi đua', en: 'Block' },
  import_job: { vi: 'Nhập từ tệp', en: 'Import' },
};

export const actionLabels: Record<string, Label> = {
  'auth.sign_in': { vi: 'Đăng nhập', en: 'Sign in' },
  'auth.sign_in_failed': { vi: 'Đăng nhập thất bại', en: 'Failed sign-in' },
  'auth.sign_out': { vi: 'Đăng xuất', en: 'Sign out' },
  'auth.locked': { vi: 'Khóa tài khoản tạm thời', en: 'Account locked' },
  'auth.password_change': { vi: 'Đổi mật khẩu', en: 'Password changed' },
  'auth.password_reset': { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  'auth.mfa_enable': { vi: 'Bật xác thực hai lớp', en: 'Two-factor enabled' },
  'auth.mfa_disable': { vi: 'Tắt xác thực hai lớp', en: 'Two-factor disabled' },
  'unit.create': { vi: 'Thêm đơn vị', en: 'Unit created' },
  'unit.update': { vi: 'Sửa đơn vị', en: 'Unit updated' },
  'unit.move': { vi: 'Chuyển đơn vị', en: 'Unit moved' },
  'unit.retire': { vi: 'Sáp nhập/giải thể đơn vị', en: 'Unit merged/dissolved' },
  'unit.import': { vi: 'Nhập đơn vị từ tệp', en: 'Units imported' },
  'block.create': { vi: 'Thêm khối/cụm', en: 'Block created' },
  'block.update': { vi: 'Sửa khối/cụm', en: 'Block updated' },
  'block.delete': { vi: 'Xóa khối/cụm', en: 'Block deleted' },
  'person.create': { vi: 'Thêm cán bộ', en: 'Person created' },
  'person.update': { vi: 'Sửa cán bộ', en: 'Person updated' },
  'person.transfer': { vi: 'Điều chuyển cán bộ', en: 'Person transferred' },
  'person.import': { vi: 'Nhập cán bộ từ tệp', en: 'People imported' },
  'user.create': { vi: 'Tạo tài khoản', en: 'Account created' },
  'user.update': { vi: 'Sửa tài khoản', en: 'Account updated' },
  'role_grant.create': { vi: 'Cấp quyền', en: 'Role granted' },
  'role_grant.delete': { vi: 'Thu hồi quyền', en: 'Role revoked' },
};
