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
  SIGN_IN_WAIT: {
    status: 429,
    vi: 'Đăng nhập sai nhiều lần: vui lòng đợi một lát rồi thử lại',
    en: 'Several wrong sign-ins: wait a moment, then try again',
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
  // Uploaded evidence (minh chứng), checked by content (evidence module).
  FILE_TYPE_NOT_ALLOWED: {
    status: 400,
    vi: 'Loại tệp không được nhận; chỉ nhận PDF, Word, Excel, PowerPoint và ảnh (JPEG, PNG, WebP, HEIC)',
    en: 'This type of file is not accepted; only PDF, Word, Excel, PowerPoint and images (JPEG, PNG, WebP, HEIC)',
  },
  FILE_DISGUISED: {
    status: 400,
    vi: 'Nội dung tệp không khớp với đuôi tên tệp (tệp bị đổi đuôi hoặc giả dạng)',
    en: 'The file’s content does not match its extension (renamed or disguised file)',
  },
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
  // The cascade and versions of plans (plans module).
  PLAN_NOT_ADOPTABLE: {
    status: 409,
    vi: 'Chỉ áp dụng được kế hoạch đang ban hành (không phải dự thảo hay kế hoạch đã kết thúc, đã được thay bằng phiên bản mới)',
    en: 'Only a published plan can be adopted (not a draft, nor a plan closed or replaced by a newer version)',
  },
  PLAN_ALREADY_ADOPTED: {
    status: 409,
    vi: 'Đơn vị đã áp dụng kế hoạch này; hãy mở kế hoạch đã có của đơn vị',
    en: 'The unit has already adopted this plan; open the unit’s existing plan',
  },
  CRITERIA_FROZEN: {
    status: 409,
    vi: 'Tiêu chí của kế hoạch đã khóa vì đã bắt đầu đánh giá; muốn thay đổi hãy tạo phiên bản mới của kế hoạch',
    en: 'The plan’s criteria are frozen because assessment has started; create a new version of the plan to change them',
  },
  CRITERION_ADOPTED: {
    status: 409,
    vi: 'Tiêu chí đã được đơn vị cấp dưới áp dụng nên không thể xóa; hãy đánh dấu bỏ kèm lý do hoặc tạo phiên bản mới',
    en: 'Lower units have adopted this criterion, so it cannot be deleted; mark it dropped with a reason or create a new version',
  },
  PLAN_STILL_DRAFT: {
    status: 409,
    vi: 'Kế hoạch còn là dự thảo: hãy sửa trực tiếp, không cần tạo phiên bản mới',
    en: 'The plan is still a draft: edit it directly; no new version is needed',
  },
  PLAN_SUPERSEDED: {
    status: 409,
    vi: 'Kế hoạch đã có phiên bản mới hơn; hãy thao tác trên phiên bản mới nhất',
    en: 'The plan already has a newer version; work on the latest version',
  },
  // Registration (đăng ký thi đua, registrations module).
  REGISTRATION_NO_PERSON: {
    status: 400,
    vi: 'Tài khoản chưa gắn với hồ sơ cán bộ nào nên chưa thể tự đăng ký; hãy nhờ cán bộ thi đua của đơn vị',
    en: 'This account is not linked to a person record, so it cannot register itself; ask the unit’s emulation officer',
  },
  REGISTRATION_NO_PLAN: {
    status: 400,
    vi: 'Chưa có kế hoạch đã ban hành của phong trào này áp dụng cho đơn vị',
    en: 'No published plan of this movement applies to the unit',
  },
  REGISTRATION_YEAR_OUTSIDE: {
    status: 400,
    vi: 'Năm đăng ký nằm ngoài thời gian của phong trào',
    en: 'The year is outside the movement’s years',
  },
  REGISTRATION_TITLE_MISMATCH: {
    status: 400,
    vi: 'Danh hiệu không dành cho đối tượng này (danh hiệu cá nhân cho cá nhân, danh hiệu tập thể cho tập thể)',
    en: 'The title is not for this kind of subject (individual titles for people, collective titles for units)',
  },
  REGISTRATION_DUPLICATE: {
    status: 409,
    vi: 'Đối tượng này đã đăng ký thi đua cho phong trào và năm này',
    en: 'This subject has already registered for this movement and year',
  },
  REGISTRATION_LOCKED: {
    status: 409,
    vi: 'Hồ sơ đánh giá đã qua bước tự đánh giá, không thể sửa hoặc rút đăng ký',
    en: 'The assessment has moved past self-assessment; the registration can no longer be changed or withdrawn',
  },
  REGISTRATION_WITHDRAWN: {
    status: 409,
    vi: 'Đăng ký đã được rút; hãy đăng ký lại',
    en: 'The registration was withdrawn; register again',
  },
  REMINDER_TOO_SOON: {
    status: 409,
    vi: 'Đơn vị vừa được nhắc đăng ký trong vòng một giờ qua; vui lòng đợi rồi nhắc lại',
    en: 'The unit was reminded to register within the last hour; wait before reminding again',
  },
  // Assessment (đánh giá, chấm điểm) and discipline (kỷ luật), assessments module.
  ASSESSMENT_NOT_REGISTERED: {
    status: 409,
    vi: 'Chưa đăng ký thi đua cho phong trào và năm này nên chưa thể đánh giá; hãy đăng ký trước',
    en: 'Not registered for this movement and year, so there is nothing to assess; register first',
  },
  ASSESSMENT_NO_CRITERIA: {
    status: 409,
    vi: 'Kế hoạch chưa có tiêu chí nào cho đối tượng này',
    en: 'The plan has no criteria for this kind of subject',
  },
  ASSESSMENT_LOCKED: {
    status: 409,
    vi: 'Phiếu đánh giá đã hoàn tất và đã khóa, không thể thay đổi',
    en: 'The assessment is final and locked; it cannot be changed',
  },
  ASSESSMENT_STALE: {
    status: 409,
    vi: 'Phiếu vừa được thay đổi ở nơi khác; hãy tải lại để xem bản mới nhất rồi lưu lại',
    en: 'The assessment was changed elsewhere meanwhile; reload it, then save again',
  },
  ASSESSMENT_WRONG_STAGE: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở bước hiện tại của phiếu đánh giá',
    en: 'This cannot be done at the assessment’s current step',
  },
  ASSESSMENT_INCOMPLETE: {
    status: 409,
    vi: 'Còn tiêu chí chưa chấm; chấm đủ tất cả tiêu chí rồi gửi lại',
    en: 'Some criteria are not scored yet; score them all, then submit',
  },
  ASSESSMENT_DEPENDANTS_NOT_FINAL: {
    status: 409,
    vi: 'Còn phiếu của cá nhân hoặc đơn vị trực thuộc chưa hoàn tất; hoàn tất các phiếu đó trước, hoặc nhập lý do để hoàn tất ngay',
    en: 'Some members’ or sub-units’ assessments are not final; finalise them first, or give a reason to finalise now',
  },
  // Periodic reports (báo cáo định kỳ), reports module.
  REPORT_NOT_REPORTING_UNIT: {
    status: 400,
    vi: 'Đơn vị này không thuộc diện báo cáo theo mẫu báo cáo đã chọn',
    en: 'This unit does not report under the chosen report template',
  },
  REPORT_LOCKED: {
    status: 409,
    vi: 'Báo cáo đã được tiếp nhận và đã khóa; cần đơn vị nhận báo cáo mở khóa để sửa hoặc gửi lại',
    en: 'The report was accepted and is locked; the recipient must unlock it before it is changed or sent again',
  },
  REPORT_STALE: {
    status: 409,
    vi: 'Báo cáo vừa được thay đổi ở nơi khác; hãy tải lại để xem bản mới nhất rồi lưu lại',
    en: 'The report was changed elsewhere meanwhile; reload it, then save again',
  },
  REPORT_WRONG_STATUS: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của báo cáo',
    en: 'This cannot be done in the report’s current status',
  },
  // Documents in the state format (Nghị định 30/2020), documents module.
  DOCUMENT_NUMBER_INVALID: {
    status: 400,
    vi: 'Chỉ ghi số thứ tự của văn bản (ví dụ 125); ký hiệu phía sau như “/BC-UBND” do hệ thống tự thêm',
    en: 'Give the document’s running number only (e.g. 125); the code after it, such as “/BC-UBND”, is added automatically',
  },
  RECORD_DUPLICATE: {
    status: 409,
    vi: 'Hồ sơ đã có danh hiệu, hình thức khen thưởng này trong năm đó',
    en: 'The record already holds this title or award in that year',
  },
  RECORD_REVOKED: {
    status: 409,
    vi: 'Mục này của hồ sơ đã được hủy trước đó',
    en: 'This entry of the record was already revoked',
  },
  AWARD_NOT_FOR_SUBJECT: {
    status: 422,
    vi: 'Danh hiệu, hình thức khen thưởng này không xét tặng cho đối tượng đó',
    en: 'This title or award is not given to that kind of subject',
  },
  AWARD_NO_RULE: {
    status: 422,
    vi: 'Chưa có quy định khen thưởng có hiệu lực vào ngày đề nghị',
    en: 'No commendation rule is in force on the proposal’s date',
  },
  // The round of bình xét, the council's ballot and the decision (commendations module).
  ROUND_EXISTS: {
    status: 409,
    vi: 'Đơn vị đã mở đợt bình xét công trạng của năm này',
    en: 'The unit already has a yearly round for this year',
  },
  ROUND_WRONG_STATUS: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở bước hiện tại của đợt bình xét',
    en: 'This cannot be done at the round’s current step',
  },
  ROUND_EMPTY: {
    status: 409,
    vi: 'Danh sách đề nghị chưa có ai; không có gì để bỏ phiếu',
    en: 'Nobody is on the list; there is nothing to vote on',
  },
  ROUND_NO_COUNCIL: {
    status: 422,
    vi: 'Đơn vị chưa có thành viên Hội đồng Thi đua - Khen thưởng; hãy cấp vai trò “Thành viên Hội đồng TĐKT” tại đơn vị trước khi bỏ phiếu',
    en: 'The unit has no council members; grant the “Council member” role at the unit before the vote',
  },
  NOMINEE_NOT_ELIGIBLE: {
    status: 422,
    vi: 'Người được đề nghị chưa đủ điều kiện của danh hiệu, hình thức khen thưởng này',
    en: 'The nominee does not meet the conditions of this title or award',
  },
  QUOTA_EXCEEDED: {
    status: 422,
    vi: 'Vượt tỷ lệ Chiến sĩ thi đua cơ sở của đợt bình xét',
    en: 'Over the round’s share of Grassroots emulation fighters',
  },
  AWARD_NOT_IN_AUTHORITY: {
    status: 422,
    vi: 'Danh hiệu, hình thức khen thưởng này không thuộc thẩm quyền của thủ trưởng đơn vị; cần trình cấp có thẩm quyền',
    en: 'The unit’s head has no authority for this title or award; it must be proposed to the level that has',
  },
  BALLOT_NOT_MEMBER: {
    status: 403,
    vi: 'Chỉ thành viên Hội đồng của đợt bỏ phiếu này mới được bỏ phiếu',
    en: 'Only the members of this vote’s council may vote',
  },
  BALLOT_ALREADY_CAST: {
    status: 409,
    vi: 'Bạn đã bỏ phiếu trong đợt này; mỗi thành viên chỉ bỏ một phiếu',
    en: 'You have already voted in this round; each member casts one ballot',
  },
  BALLOT_INCOMPLETE: {
    status: 400,
    vi: 'Phiếu phải có đúng một ý kiến cho mỗi người trong danh sách đề nghị',
    en: 'The ballot must hold exactly one answer for each nominee on the list',
  },
  QUORUM_NOT_MET: {
    status: 409,
    vi: 'Chưa đủ số thành viên Hội đồng bỏ phiếu để kết thúc',
    en: 'Too few council members have voted to close the vote',
  },
  DECISION_NUMBER_USED: {
    status: 409,
    vi: 'Số quyết định này đã được đơn vị dùng trong năm',
    en: 'The unit has already used this decision number this year',
  },
  DISCIPLINE_REVOKED: {
    status: 409,
    vi: 'Quyết định kỷ luật này đã được hủy trước đó',
    en: 'This discipline was already revoked',
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
