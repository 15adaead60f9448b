/** Paths of the web app; Vietnamese, as users read them in the address bar. */
export const paths = {
  home: '/',
  signIn: '/dang-nhap',
  forgotPassword: '/quen-mat-khau',
  resetPassword: '/dat-lai-mat-khau',
  mfaSetup: '/xac-thuc-hai-lop',
  units: '/don-vi',
  blocks: '/khoi-thi-dua',
  people: '/can-bo',
  accounts: '/phan-quyen',
  audit: '/nhat-ky',
  account: '/tai-khoan',
  plans: '/ke-hoach',
  registrations: '/dang-ky-thi-dua',
  assessments: '/danh-gia',
  dashboard: '/tong-hop',
  reports: '/bao-cao',
  commendations: '/khen-thuong',
  notifications: '/thong-bao',
} as const;

/** A safe in-app return path from ?next= (never another origin). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/api/')) return paths.home;
  return next;
}
