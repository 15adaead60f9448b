import { sql, type Kysely } from 'kysely';

// The report templates (mẫu báo cáo) shipped with the system for the office-culture movement (phong
// trào xây dựng văn hóa công sở): a six-month report due 31/5 and a yearly one due 30/11 (seed 004),
// with plan_id null so every plan can copy them. Inserted once; a row already there (by its code) is
// left as the administrators may have edited it. The content is frozen here on purpose: a later
// change to the default is a new migration, not an edit of this one.
const content = {
  sections: [
    {
      key: 'registration',
      title: 'Đăng ký thi đua',
      indicators: [
        { key: 'units_registered', label: 'Số tập thể đăng ký thi đua', kind: 'number', source: 'registrations.units' },
        { key: 'people_registered', label: 'Số cá nhân đăng ký thi đua', kind: 'number', source: 'registrations.people' },
      ],
    },
    {
      key: 'assessment',
      title: 'Đánh giá, xếp loại',
      indicators: [
        { key: 'assessments_done', label: 'Số lượt đánh giá đã hoàn tất', kind: 'number', source: 'assessments.done' },
        { key: 'excellent', label: 'Số lượt xếp loại Xuất sắc', kind: 'number', source: 'assessments.by_classification.excellent' },
        { key: 'good', label: 'Số lượt xếp loại Tốt', kind: 'number', source: 'assessments.by_classification.good' },
        { key: 'pass', label: 'Số lượt xếp loại Đạt', kind: 'number', source: 'assessments.by_classification.pass' },
        { key: 'fail', label: 'Số lượt xếp loại Không đạt', kind: 'number', source: 'assessments.by_classification.fail' },
      ],
    },
    {
      key: 'evidence',
      title: 'Minh chứng',
      indicators: [{ key: 'evidence_items', label: 'Số minh chứng được bổ sung trong kỳ', kind: 'number', source: 'evidence.items' }],
    },
    {
      key: 'activities',
      title: 'Kết quả thực hiện',
      indicators: [
        { key: 'outreach_events', label: 'Số cuộc tuyên truyền, hội nghị', kind: 'number' },
        { key: 'code_posted_rate', label: 'Tỷ lệ cơ quan niêm yết quy tắc ứng xử', kind: 'percent' },
        { key: 'has_culture_rules', label: 'Có xây dựng quy chế văn hóa công sở', kind: 'boolean' },
        { key: 'note', label: 'Ghi chú', kind: 'text' },
      ],
    },
  ],
  narratives: [
    { key: 'results', title: 'Kết quả đạt được' },
    { key: 'shortcomings', title: 'Tồn tại, hạn chế' },
    { key: 'causes', title: 'Nguyên nhân' },
    { key: 'directions', title: 'Phương hướng, nhiệm vụ' },
    { key: 'proposals', title: 'Đề xuất, kiến nghị' },
  ],
};

const reporterKinds = ['province', 'district', 'commune', 'department', 'agency', 'school', 'health', 'organisation'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const json = JSON.stringify(content);
  await sql`
    INSERT INTO report_templates (plan_id, code, name, period_kind, due_day, due_month, reporter_kinds, content)
    VALUES
      (NULL, 'six_months', 'Báo cáo kết quả thực hiện văn hóa công sở 6 tháng đầu năm', 'six_months', 31, 5, ${reporterKinds}::text[], ${json}::jsonb),
      (NULL, 'year', 'Báo cáo kết quả thực hiện văn hóa công sở năm', 'year', 30, 11, ${reporterKinds}::text[], ${json}::jsonb)
    ON CONFLICT ((coalesce(plan_id, 0)), code) DO NOTHING
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM report_templates WHERE plan_id IS NULL AND code IN ('six_months', 'year') AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.template_id = report_templates.id)`.execute(db);
}
