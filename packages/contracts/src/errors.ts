// One table from error code to HTTP status and bilingual message.

export const errorTable = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'The input is not valid' },
  BAD_REQUEST: { status: 400, vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  UNAUTHENTICATED: { status: 401, vi: 'Vui lòng đăng nhập', en: 'Please sign in' },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
    en: 'Wrong username or password',
  },
  MFA_REQUIRED: { status: 401, vi: 'Cần nhập mã xác thực hai lớp', en: 'A second-factor code is required' },
  MFA_INVALID: { status: 401, vi: 'Mã xác thực không đúng', en: 'The verification code is wrong' },
  MFA_SETUP_REQUIRED: {
    status: 403,
    vi: 'Quản trị hệ thống phải bật xác thực hai lớp trước khi tiếp tục',
    en: 'System administrators must enable two-factor authentication first',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần, vui lòng thử lại sau',
    en: 'Account temporarily locked after repeated failures; try again later',
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    vi: 'Quá nhiều lần thử, vui lòng đợi rồi thử lại',
    en: 'Too many attempts; wait and try again',
  },
  ACCOUNT_DISABLED: { status: 403, vi: 'Tài khoản đã bị vô hiệu hóa', en: 'The account is disabled' },
  CSRF_INVALID: {
    status: 403,
    vi: 'Phiên làm việc không hợp lệ, vui lòng tải lại trang',
    en: 'Invalid CSRF token; reload the page',
  },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You may not do this' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy', en: 'Not found' },
  CONFLICT: { status: 409, vi: 'Dữ liệu bị trùng hoặc xung đột', en: 'Conflicting or duplicate data' },
  UNIT_CODE_TAKEN: { status: 409, vi: 'Mã đơn vị đã tồn tại', en: 'The unit code is already in use' },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã tồn tại', en: 'The username is already in use' },
  UNIT_INACTIVE: {
    status: 409,
    vi: 'Đơn vị đã sáp nhập hoặc giải thể, không thể giao thêm việc',
    en: 'The unit was merged or dissolved; no new work can be assigned to it',
  },
  UNIT_CYCLE: {
    status: 409,
    vi: 'Không thể chuyển đơn vị vào chính đơn vị con của nó',
    en: 'A unit cannot be moved under its own descendant',
  },
  UNIT_HAS_CHILDREN: {
    status: 409,
    vi: 'Đơn vị còn đơn vị trực thuộc đang hoạt động',
    en: 'The unit still has active sub-units',
  },
  INVALID_TOKEN: {
    status: 400,
    vi: 'Liên kết không hợp lệ hoặc đã hết hạn',
    en: 'The link is invalid or has expired',
  },
  WEAK_PASSWORD: {
    status: 400,
    vi: 'Mật khẩu phải có ít nhất 10 ký tự',
    en: 'The password must have at least 10 characters',
  },
  SSO_NOT_CONFIGURED: {
    status: 404,
    vi: 'Chưa cấu hình đăng nhập một lần (SSO)',
    en: 'Single sign-on is not configured',
  },
  SSO_FAILED: { status: 400, vi: 'Đăng nhập một lần thất bại', en: 'Single sign-on failed' },
  SSO_NO_ACCOUNT: {
    status: 403,
    vi: 'Chưa có tài khoản gắn với danh tính này',
    en: 'No account is linked to this identity',
  },
  FILE_INVALID: { status: 400, vi: 'Tệp không hợp lệ', en: 'The file is not valid' },
  FILE_TOO_LARGE: { status: 413, vi: 'Tệp quá lớn', en: 'The file is too large' },
  IMPORT_HAS_ERRORS: {
    status: 422,
    vi: 'Tệp còn dòng lỗi; sửa tệp hoặc chọn chỉ nhập các dòng hợp lệ',
    en: 'The file has bad rows; fix it or choose to import only the good rows',
  },
  RATE_LIMITED: { status: 429, vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  INTERNAL: { status: 500, vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error; please try again later' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống tạm thời không sẵn sàng',
    en: 'The service is temporarily unavailable',
  },
  // Accounts' authentication (auth module).
  MFA_NOT_PENDING: {
    status: 409,
    vi: 'Chưa tạo mã bí mật xác thực hai lớp, hãy bắt đầu cài đặt lại',
    en: 'No two-factor secret is being set up; start the set-up again',
  },
  MFA_ALREADY_ENABLED: {
    status: 409,
    vi: 'Xác thực hai lớp đã được bật',
    en: 'Two-factor authentication is already enabled',
  },
  MFA_NOT_ENABLED: {
    status: 409,
    vi: 'Xác thực hai lớp chưa được bật',
    en: 'Two-factor authentication is not enabled',
  },
  SSO_MFA_REQUIRED: {
    status: 403,
    vi: 'Tài khoản đã bật xác thực hai lớp: vui lòng đăng nhập bằng mật khẩu và mã xác thực',
    en: 'This account uses two-factor authentication: sign in with the password and a code',
  },
  // Imports of units and people (imports module).
  IMPORT_NOT_READY: {
    status: 409,
    vi: 'Tệp chưa kiểm tra xong hoặc đã được nhập; không thể thực hiện thao tác này',
    en: 'The file is still being checked or was already imported; this cannot be done now',
  },
  // Movements and plans (plans module).
  PLAN_NOT_DRAFT: {
    status: 409,
    vi: 'Kế hoạch đã ban hành hoặc đã kết thúc, không thể sửa',
    en: 'The plan is no longer a draft and cannot be changed',
  },
  PLAN_NOT_PUBLISHED: {
    status: 409,
    vi: 'Chỉ kết thúc được kế hoạch đang ban hành',
    en: 'Only a published plan can be closed',
  },
  PLAN_NO_CRITERIA: {
    status: 409,
    vi: 'Kế hoạch chưa có tiêu chí nào, chưa thể ban hành',
    en: 'The plan has no criteria yet and cannot be published',
  },
} as const;

export type ErrorCode = keyof typeof errorTable;

/** The body of every error response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string; // Vietnamese
    messageEn: string;
    fields?: { path: string; message: string; messageEn: string }[];
    details?: Record<string, unknown>;
  };
}
