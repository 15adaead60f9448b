import { roleLabels, type Role } from '@thidua/contracts';
import type { Database } from '../platform/database.js';
import { verifyPassword } from '../modules/auth/passwords.js';

/** One password for every demonstration account; printed at start so that a newcomer can sign in. */
export const DEMO_PASSWORD = 'thidua@2026';

export interface DemoAccountSpec {
  username: string;
  role: Role;
  /** Code of the unit the role is granted at. */
  unitCode: string;
  displayName: string;
  /** The person (CBCCVC) behind the account, created with it; null for a bare account. */
  person: { fullName: string; gender: 'male' | 'female'; birthDate: string; position: string; unitCode: string; category: 'civil_servant' | 'public_employee' | 'cadre' } | null;
  note?: string;
}

export const WARD_CODE = 'KHA-P-NHATRANG';
export const SCHOOL_CODE = 'KHA-P-NHATRANG-TH';

/** One account per role, at the places the seed documents name: the province, a ward, a school. */
export const demoAccountSpecs: readonly DemoAccountSpec[] = [
  { username: 'admin', role: 'system_admin', unitCode: 'VN', displayName: 'Quản trị hệ thống', person: null, note: 'cài đặt TOTP ở lần đăng nhập đầu / sets up TOTP at first sign-in' },
  {
    username: 'thuongtruc',
    role: 'standing_officer',
    unitCode: 'KHA',
    displayName: 'Trần Thị Thu Hà',
    person: { fullName: 'Trần Thị Thu Hà', gender: 'female', birthDate: '1982-04-17', position: 'Phó Trưởng ban Thi đua - Khen thưởng', unitCode: 'KHA-SNV-TDKT', category: 'civil_servant' },
  },
  {
    username: 'hoidong',
    role: 'council_member',
    unitCode: 'KHA',
    displayName: 'Lê Văn Hùng',
    person: { fullName: 'Lê Văn Hùng', gender: 'male', birthDate: '1971-09-02', position: 'Phó Giám đốc', unitCode: 'KHA-SNV', category: 'civil_servant' },
  },
  {
    username: 'thutruong',
    role: 'unit_head',
    unitCode: WARD_CODE,
    displayName: 'Phạm Minh Tuấn',
    person: { fullName: 'Phạm Minh Tuấn', gender: 'male', birthDate: '1976-12-20', position: 'Chủ tịch Ủy ban nhân dân', unitCode: WARD_CODE, category: 'cadre' },
  },
  {
    username: 'canbothidua',
    role: 'unit_officer',
    unitCode: WARD_CODE,
    displayName: 'Võ Thị Ngọc Anh',
    person: { fullName: 'Võ Thị Ngọc Anh', gender: 'female', birthDate: '1990-06-11', position: 'Công chức Văn phòng - Thống kê', unitCode: `${WARD_CODE}-VP`, category: 'civil_servant' },
  },
  {
    username: 'kiemtra',
    role: 'inspector',
    unitCode: 'KHA',
    displayName: 'Huỳnh Quốc Bảo',
    person: { fullName: 'Huỳnh Quốc Bảo', gender: 'male', birthDate: '1984-03-08', position: 'Thanh tra viên chính', unitCode: 'KHA-TTRA', category: 'civil_servant' },
  },
  {
    username: 'nhanvien',
    role: 'staff_member',
    unitCode: SCHOOL_CODE,
    displayName: 'Đặng Thị Mai',
    person: { fullName: 'Đặng Thị Mai', gender: 'female', birthDate: '1988-11-25', position: 'Giáo viên', unitCode: SCHOOL_CODE, category: 'public_employee' },
  },
  { username: 'xem', role: 'viewer', unitCode: 'KHA', displayName: 'Người xem (Tỉnh Khánh Hòa)', person: null },
];

export interface DemoAccountRow {
  username: string;
  role: Role;
  unitName: string;
  note: string | null;
}

/**
 * The demonstration accounts that still exist and still accept the demo password. Accounts whose
 * password was changed are left out, so a real deployment that kept the demo data prints nothing.
 */
export async function listDemoAccounts(db: Database): Promise<DemoAccountRow[]> {
  const names = demoAccountSpecs.map((s) => s.username);
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .innerJoin('units as n', 'n.id', 'g.unit_id')
    .select(['u.username', 'u.password_hash', 'u.is_active', 'g.role', 'n.code as unitCode', 'n.name as unitName'])
    .where('u.username', 'in', names)
    .execute();
  const out: DemoAccountRow[] = [];
  for (const spec of demoAccountSpecs) {
    // The grant the spec names: an account may hold more (the council member also sits on the school's council).
    const row = rows.find((r) => r.username.toLowerCase() === spec.username && r.role === spec.role && r.unitCode === spec.unitCode);
    if (!row || !row.is_active) continue;
    if (!(await verifyPassword(row.password_hash, DEMO_PASSWORD))) continue;
    out.push({ username: spec.username, role: spec.role, unitName: row.unitName, note: spec.note ?? null });
  }
  return out;
}

/** The account table printed under the address line at start. */
export function formatDemoAccounts(accounts: readonly DemoAccountRow[]): string {
  if (accounts.length === 0) return '';
  const header = ['Tài khoản / username', 'Vai trò / role', 'Đơn vị / unit'];
  const body = accounts.map((a) => [a.username, `${roleLabels[a.role].vi} (${a.role})`, a.unitName + (a.note ? ` — ${a.note}` : '')]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [
    '  Tài khoản dùng thử / demonstration accounts:',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    `  Mật khẩu chung / password for all: ${DEMO_PASSWORD}`,
    '  (Đổi mật khẩu hoặc đặt THIDUA_DEMO=false trước khi dùng thật / change the passwords, or start with THIDUA_DEMO=false, before real use)',
  ].join('\n');
}
