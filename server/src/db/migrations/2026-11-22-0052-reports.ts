import { sql, type Kysely } from 'kysely';

// Periodic reports (báo cáo định kỳ): a plan's report templates (mẫu báo cáo) with their period,
// due rule, recipient, content and reminder schedule; and each unit's report for one period, which
// goes draft → submitted → accepted (or returned → resubmitted) and, at a level above, consolidates
// the reports of the units below.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_templates (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- The plan that asks for the report; null for a template shipped with the system.
      plan_id bigint REFERENCES plans(id),
      code text NOT NULL,
      name text NOT NULL,
      period_kind text NOT NULL CHECK (period_kind IN ('six_months', 'year', 'quarter', 'month', 'custom')),
      -- Due rule: a day and month (31/5, 30/11, 15/12) or one date.
      due_day int CHECK (due_day BETWEEN 1 AND 31),
      due_month int CHECK (due_month BETWEEN 1 AND 12),
      due_date date,
      -- Who receives: a named unit (Sở Nội vụ), else the reporting unit's nearest reporting ancestor.
      recipient_unit_id bigint REFERENCES units(id),
      recipient_text text,
      -- Which units report: kinds of unit (commune, department, school…) within the plan's subtree.
      reporter_kinds text[] NOT NULL DEFAULT '{}',
      -- { sections: [{ key, title, indicators: [{ key, label, kind, source?, min?, max? }] }],
      --   narratives: [{ key, title }] } — source names an entry of the indicator registry.
      content jsonb NOT NULL,
      reminder_schedule jsonb NOT NULL DEFAULT '{"daysBefore": [7, 1], "everyDaysAfter": 3, "maxAfter": 5, "at": "08:00"}'::jsonb,
      document_code text NOT NULL DEFAULT 'BC',
      is_active boolean NOT NULL DEFAULT true,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((due_day IS NULL) = (due_month IS NULL)),
      CHECK (due_date IS NOT NULL OR due_day IS NOT NULL)
    );
    CREATE UNIQUE INDEX report_templates_code_uq ON report_templates (coalesce(plan_id, 0), code);

    CREATE TABLE reports (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      template_id bigint NOT NULL REFERENCES report_templates(id),
      unit_id bigint NOT NULL REFERENCES units(id),
      recipient_unit_id bigint REFERENCES units(id),
      year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      -- periodKey of reports.periods.ts: 2026-H1, 2026-Y, 2026-Q2, 2026-M05, or start_end.
      period_key text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      due_date date NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
      -- indicator key → { "typed": value | null, "computed": number | null }
      values jsonb NOT NULL DEFAULT '{}'::jsonb,
      -- narrative key → text (kết quả đạt được, tồn tại, hạn chế, nguyên nhân, phương hướng, kiến nghị)
      narratives jsonb NOT NULL DEFAULT '{}'::jsonb,
      number text,
      signer text,
      submitted_at timestamptz,
      submitted_by bigint REFERENCES users(id),
      -- Against the due date at the last submission, in Vietnam calendar days.
      days_late int CHECK (days_late >= 0),
      returned_at timestamptz,
      returned_by bigint REFERENCES users(id),
      returned_reason text,
      accepted_at timestamptz,
      accepted_by bigint REFERENCES users(id),
      -- An accepted report is locked; the recipient may open it again with a reason.
      lock_exception_reason text,
      lock_exception_by bigint REFERENCES users(id),
      lock_exception_at timestamptz,
      -- A consolidating report: when its children's figures were last summed, and whether a child
      -- has arrived or changed since.
      consolidated_at timestamptz,
      stale boolean NOT NULL DEFAULT false,
      revision int NOT NULL DEFAULT 0,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (period_end >= period_start),
      UNIQUE (template_id, unit_id, period_key)
    );
    CREATE INDEX reports_unit_idx ON reports (unit_id, template_id, period_key);
    CREATE INDEX reports_template_period_idx ON reports (template_id, period_key, status);
    CREATE INDEX reports_recipient_idx ON reports (recipient_unit_id, status);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE reports, report_templates`.execute(db);
}
