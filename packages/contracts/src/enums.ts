// Enums declared once for server and web. Labels are Vietnamese first, English second.

export const roles = [
  'system_admin', // quản trị hệ thống
  'standing_officer', // thường trực thi đua
  'council_member', // thành viên Hội đồng Thi đua - Khen thưởng
  'unit_head', // thủ trưởng đơn vị
  'unit_officer', // cán bộ phụ trách thi đua của đơn vị
  'inspector', // kiểm tra viên
  'staff_member', // cán bộ, công chức, viên chức
  'viewer', // người xem
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { vi: string; en: string }> = {
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  standing_officer: { vi: 'Thường trực thi đua', en: 'Standing officer' },
  council_member: { vi: 'Thành viên Hội đồng TĐKT', en: 'Council member' },
  unit_head: { vi: 'Thủ trưởng đơn vị', en: 'Unit head' },
  unit_officer: { vi: 'Cán bộ thi đua đơn vị', en: 'Unit emulation officer' },
  inspector: { vi: 'Kiểm tra viên', en: 'Inspector' },
  staff_member: { vi: 'Cán bộ, công chức, viên chức', en: 'Staff member' },
  viewer: { vi: 'Người xem', en: 'Viewer' },
};

/** Kinds of unit (cơ quan, đơn vị, xã/phường, trường…) in the organisation tree. */
export const unitKinds = [
  'national', // cấp trung ương
  'province', // tỉnh, thành phố trực thuộc trung ương
  'district', // quận, huyện, thị xã, thành phố thuộc tỉnh (before 01/7/2025)
  'commune', // xã, phường, đặc khu
  'department', // sở, ban, ngành
  'office', // phòng, ban chuyên môn
  'agency', // cơ quan, đơn vị sự nghiệp
  'school', // trường học
  'health', // cơ sở y tế
  'organisation', // đoàn thể, tổ chức chính trị - xã hội
  'other',
] as const;
export type UnitKind = (typeof unitKinds)[number];

export const unitKindLabels: Record<UnitKind, { vi: string; en: string }> = {
  national: { vi: 'Trung ương', en: 'National' },
  province: { vi: 'Tỉnh/Thành phố', en: 'Province' },
  district: { vi: 'Quận/Huyện', en: 'District' },
  commune: { vi: 'Xã/Phường', en: 'Commune/Ward' },
  department: { vi: 'Sở/Ban/Ngành', en: 'Department' },
  office: { vi: 'Phòng/Ban', en: 'Office' },
  agency: { vi: 'Cơ quan/Đơn vị', en: 'Agency' },
  school: { vi: 'Trường học', en: 'School' },
  health: { vi: 'Cơ sở y tế', en: 'Health facility' },
  organisation: { vi: 'Đoàn thể', en: 'Organisation' },
  other: { vi: 'Khác', en: 'Other' },
};

export const unitStatuses = ['active', 'merged', 'dissolved'] as const;
export type UnitStatus = (typeof unitStatuses)[number];

export const genders = ['male', 'female', 'other'] as const;
export type Gender = (typeof genders)[number];
export const genderLabels: Record<Gender, { vi: string; en: string }> = {
  male: { vi: 'Nam', en: 'Male' },
  female: { vi: 'Nữ', en: 'Female' },
  other: { vi: 'Khác', en: 'Other' },
};

/** Employment category of a person (CBCCVC, người lao động, lực lượng vũ trang). */
export const employmentCategories = [
  'cadre', // cán bộ
  'civil_servant', // công chức
  'public_employee', // viên chức
  'worker', // người lao động
  'armed_forces', // lực lượng vũ trang
] as const;
export type EmploymentCategory = (typeof employmentCategories)[number];
export const employmentCategoryLabels: Record<EmploymentCategory, { vi: string; en: string }> = {
  cadre: { vi: 'Cán bộ', en: 'Cadre' },
  civil_servant: { vi: 'Công chức', en: 'Civil servant' },
  public_employee: { vi: 'Viên chức', en: 'Public employee' },
  worker: { vi: 'Người lao động', en: 'Worker' },
  armed_forces: { vi: 'Lực lượng vũ trang', en: 'Armed forces' },
};

/** Actions the policies answer; responses carry the allowed ones so the UI shows only working buttons. */
export const actions = [
  'unit.read',
  'unit.write',
  'block.write',
  'person.write',
  'role.grant',
  'audit.read',
  'plan.write',
  'registration.write',
  'assessment.review',
  'assessment.council',
  'discipline.write',
  'record.write',
  'round.manage',
  'award.decide',
  'fund.write',
  'report.write',
  'report.review',
  'unit.documents',
] as const;
export type Action = (typeof actions)[number];

/** Which roles allow which action, within the subtree of the unit they are granted at. */
export const permissions: Record<Action, readonly Role[]> = {
  'unit.read': roles,
  'unit.write': ['system_admin', 'standing_officer'],
  'block.write': ['system_admin', 'standing_officer'],
  'person.write': ['system_admin', 'standing_officer', 'unit_head', 'unit_officer'],
  'role.grant': ['system_admin', 'standing_officer', 'unit_head'],
  'audit.read': ['system_admin', 'standing_officer'],
  'plan.write': ['system_admin', 'standing_officer', 'unit_head', 'unit_officer'],
  // Registering others (in bulk) and reminding those who have not; everyone registers themselves.
  'registration.write': ['system_admin', 'standing_officer', 'unit_head', 'unit_officer'],
  // Scoring after the self-assessment: the head of the unit (for a collective, of a unit above).
  'assessment.review': ['system_admin', 'standing_officer', 'unit_head'],
  // Reviewing and finalising as the council (Hội đồng Thi đua - Khen thưởng).
  'assessment.council': ['system_admin', 'standing_officer', 'council_member'],
  // Recording discipline (kỷ luật) decided for a person.
  'discipline.write': ['system_admin', 'standing_officer', 'unit_head'],
  // A person's record of achievements (hồ sơ thành tích): yearly ratings, titles and awards granted,
  // initiatives — entered for past years, later written by the council's decisions.
  'record.write': ['system_admin', 'standing_officer', 'unit_head', 'unit_officer'],
  // Running a unit's round of bình xét: opening it, the council's changes to the list, opening and
  // closing the secret ballot (the council's secretary or the unit's emulation officer does it).
  'round.manage': ['system_admin', 'standing_officer', 'unit_head', 'unit_officer'],
  // Issuing the decision (quyết định khen thưởng) the unit's head signs.
  'award.decide': ['system_admin', 'standing_officer', 'unit_head'],
  // The unit's fund (quỹ thi đua, khen thưởng): what came in, what was paid out by hand.
  'fund.write': ['system_admin', 'standing_officer', 'unit_head', 'unit_officer'],
  // Writing and submitting a unit's periodic report (báo cáo định kỳ): only for the unit's own report,
  // which the reports policy narrows further (a grant above a reporting unit does not write its draft).
  'report.write': ['system_admin', 'standing_officer', 'unit_head', 'unit_officer'],
  // Returning, accepting and unlocking the reports a unit receives (đơn vị nhận báo cáo).
  'report.review': ['system_admin', 'standing_officer', 'unit_head'],
  // The unit's document settings (thể thức văn bản): the issuer lines, the code after the document
  // type, the place and who signs — kept by the unit's head or emulation officer, or above.
  'unit.documents': ['system_admin', 'standing_officer', 'unit_head', 'unit_officer'],
};

/** Which roles a holder of each role may grant (within its subtree). */
export const grantableRoles: Record<Role, readonly Role[]> = {
  system_admin: roles,
  standing_officer: roles.filter((r) => r !== 'system_admin'),
  unit_head: ['unit_officer', 'inspector', 'staff_member', 'viewer'],
  council_member: [],
  unit_officer: [],
  inspector: [],
  staff_member: [],
  viewer: [],
};

// ── Movements (phong trào thi đua) and plans (kế hoạch, chỉ thị, hướng dẫn) ──
/** Regular (thường xuyên, yearly) or by period (theo đợt). */
export const movementKinds = ['yearly', 'period'] as const;
export type MovementKind = (typeof movementKinds)[number];

/** draft → published → closed. */
export const planStatuses = ['draft', 'published', 'closed'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Whom a criterion (tiêu chí) applies to: tập thể or cá nhân. */
export const criterionSubjects = ['collective', 'individual'] as const;
export type CriterionSubject = (typeof criterionSubjects)[number];

/** Document codes of Nghị định 30/2020 a plan may carry; stored as text, so others remain possible. */
export const planDocumentTypes = ['KH', 'CT', 'HD', 'QĐ', 'TB'] as const;

/** Milestones (mốc) of a plan; `registration` is the date by which units register (đăng ký thi đua). */
export const milestoneKinds = ['launch', 'registration', 'midterm_review', 'final_review', 'review', 'start', 'end', 'other'] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];

export const deadlinePeriods = ['month', 'quarter', 'six_months', 'year', 'once'] as const;
export type DeadlinePeriod = (typeof deadlinePeriods)[number];

/**
 * What the actor may do with one plan now, given its state: the buttons the review screen shows.
 * adopt: áp dụng for a unit below the issuer; newVersion: a draft copy of a published or closed plan;
 * correctCriteria: fix a published plan's criteria before assessment freezes them;
 * reviewParentChanges: accept or dismiss what the parent plan changed since it was adopted.
 */
export const planOperations = ['edit', 'publish', 'close', 'adopt', 'newVersion', 'correctCriteria', 'reviewParentChanges'] as const;
export type PlanOperation = (typeof planOperations)[number];

/** A criterion of an adopting plan beside its parent's: kept, edited, the unit's own, dropped with a reason, or gone. */
export const criterionComparisonStatuses = ['same', 'changed', 'added', 'dropped', 'removed'] as const;
export type CriterionComparisonStatus = (typeof criterionComparisonStatuses)[number];
/** The fields of a criterion a comparison or a parent's change names. */
export const criterionComparedFields = ['code', 'text', 'maxPoints', 'isVeto'] as const;
export type CriterionComparedField = (typeof criterionComparedFields)[number];
/** What a parent's newer version did to one criterion, offered to the plans that adopted it. */
export const parentChangeKinds = ['added', 'changed', 'removed'] as const;
export type ParentChangeKind = (typeof parentChangeKinds)[number];

// ── Registration, assessment, evidence (đăng ký, đánh giá, minh chứng) ──
/** Titles (danh hiệu thi đua) a subject may aim for; the emulation_titles table holds the same rows. */
export const emulationTitles = [
  { code: 'lao_dong_tien_tien', subject: 'individual', vi: 'Lao động tiên tiến', en: 'Advanced worker' },
  { code: 'chien_si_thi_dua_co_so', subject: 'individual', vi: 'Chiến sĩ thi đua cơ sở', en: 'Grassroots emulation fighter' },
  { code: 'chien_si_thi_dua_tinh', subject: 'individual', vi: 'Chiến sĩ thi đua cấp tỉnh', en: 'Provincial emulation fighter' },
  { code: 'chien_si_thi_dua_toan_quoc', subject: 'individual', vi: 'Chiến sĩ thi đua toàn quốc', en: 'National emulation fighter' },
  { code: 'tap_the_lao_dong_tien_tien', subject: 'collective', vi: 'Tập thể lao động tiên tiến', en: 'Advanced collective' },
  { code: 'tap_the_lao_dong_xuat_sac', subject: 'collective', vi: 'Tập thể lao động xuất sắc', en: 'Excellent collective' },
  { code: 'co_thi_dua_tinh', subject: 'collective', vi: 'Cờ thi đua cấp tỉnh', en: 'Provincial emulation flag' },
  { code: 'co_thi_dua_chinh_phu', subject: 'collective', vi: 'Cờ thi đua của Chính phủ', en: 'Government emulation flag' },
] as const;
export const emulationTitleCodes = emulationTitles.map((t) => t.code) as [
  (typeof emulationTitles)[number]['code'],
  ...(typeof emulationTitles)[number]['code'][],
];
export type EmulationTitleCode = (typeof emulationTitles)[number]['code'];

export const registrationStatuses = ['registered', 'withdrawn'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** Who holds an assessment now: self → review (unit head) → council → final (locked). */
export const assessmentStages = ['self', 'review', 'council', 'final'] as const;
export type AssessmentStage = (typeof assessmentStages)[number];
export const assessmentStageLabels: Record<AssessmentStage, { vi: string; en: string }> = {
  self: { vi: 'Tự đánh giá', en: 'Self-assessment' },
  review: { vi: 'Thủ trưởng chấm điểm', en: 'Head’s review' },
  council: { vi: 'Hội đồng xét', en: 'Council review' },
  final: { vi: 'Đã hoàn tất', en: 'Final' },
};

/** Default classification bands (xếp loại), Nghị định 335/2025; each plan holds its own copy. */
export const defaultClassificationBands = [
  { key: 'excellent', vi: 'Xuất sắc', en: 'Excellent', min: 90 },
  { key: 'good', vi: 'Tốt', en: 'Good', min: 70 },
  { key: 'pass', vi: 'Đạt', en: 'Pass', min: 50 },
  { key: 'fail', vi: 'Không đạt', en: 'Fail', min: 0 },
] as const;

/** What caps a classification: a veto criterion (điểm liệt) not met, or discipline in the year. */
export const classificationCaps = ['veto', 'discipline'] as const;
export type ClassificationCap = (typeof classificationCaps)[number];

export const evidenceKinds = ['file', 'photo', 'link', 'note'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];
/** Kinds of evidence that carry an uploaded file. */
export const evidenceFileKinds = ['file', 'photo'] as const;
export type EvidenceFileKind = (typeof evidenceFileKinds)[number];
/**
 * File name endings accepted as evidence; the server checks that the content agrees (by its
 * bytes, not its name). The web app's file pickers offer the same list.
 */
export const evidenceFileExtensions = ['pdf', 'jpg', 'jpeg', 'png', 'webp', 'heic', 'heif', 'docx', 'xlsx', 'pptx', 'doc', 'xls'] as const;

/** Forms of discipline (hình thức kỷ luật) for cadres and civil servants. */
export const disciplineForms = ['reprimand', 'warning', 'salary_step_down', 'demotion', 'removal', 'dismissal'] as const;
export type DisciplineForm = (typeof disciplineForms)[number];
export const disciplineFormLabels: Record<DisciplineForm, { vi: string; en: string }> = {
  reprimand: { vi: 'Khiển trách', en: 'Reprimand' },
  warning: { vi: 'Cảnh cáo', en: 'Warning' },
  salary_step_down: { vi: 'Hạ bậc lương', en: 'Salary step-down' },
  demotion: { vi: 'Giáng chức', en: 'Demotion' },
  removal: { vi: 'Cách chức', en: 'Removal from post' },
  dismissal: { vi: 'Buộc thôi việc', en: 'Dismissal' },
};

/** Kinds of reporting period (kỳ báo cáo); dates and deadlines are worked out in server/src/modules/reports/reports.periods.ts. */
export const reportPeriodKinds = ['six_months', 'year', 'quarter', 'month', 'custom'] as const;
export type ReportPeriodKind = (typeof reportPeriodKinds)[number];
export const reportPeriodKindLabels: Record<ReportPeriodKind, { vi: string; en: string }> = {
  six_months: { vi: '6 tháng', en: 'Six months' },
  year: { vi: 'Năm', en: 'Year' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  month: { vi: 'Tháng', en: 'Month' },
  custom: { vi: 'Tùy chọn', en: 'Custom' },
};

/** Kinds of report indicator (chỉ tiêu báo cáo): what a unit types or the system fills in. */
export const indicatorKinds = ['number', 'percent', 'boolean', 'text'] as const;
export type IndicatorKind = (typeof indicatorKinds)[number];
export const indicatorKindLabels: Record<IndicatorKind, { vi: string; en: string }> = {
  number: { vi: 'Số lượng', en: 'Number' },
  percent: { vi: 'Tỷ lệ (%)', en: 'Percentage' },
  boolean: { vi: 'Có/Không', en: 'Yes/No' },
  text: { vi: 'Văn bản ngắn', en: 'Short text' },
};
