import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

// Kysely's view of the tables; keep in step with the migrations.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface UnitsTable {
  id: Generated<number>;
  parent_id: number | null;
  path: string;
  code: string;
  name: string;
  short_name: string | null;
  kind: string;
  status: Generated<string>;
  valid_from: ColumnType<string, string | undefined, string>;
  valid_to: string | null;
  successor_id: number | null;
  retire_note: string | null;
  search_key: GeneratedAlways<string>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface BlocksTable {
  id: GeneratedAlways<number>;
  year: number;
  kind: string;
  name: string;
  organizer_unit_id: number;
  head_unit_id: number | null;
  deputy_unit_id: number | null;
  created_at: TimestampDefault;
}

export interface BlockMembersTable {
  block_id: number;
  unit_id: number;
}

export interface PeopleTable {
  id: GeneratedAlways<number>;
  code: string | null;
  full_name: string;
  gender: string;
  birth_date: string | null;
  category: string;
  position: string | null;
  unit_id: number;
  email: string | null;
  phone: string | null;
  is_active: Generated<boolean>;
  search_key: GeneratedAlways<string>;
  search_words: GeneratedAlways<string[]>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface PersonAssignmentsTable {
  id: GeneratedAlways<number>;
  person_id: number;
  unit_id: number;
  position: string | null;
  started_on: string;
  ended_on: string | null;
}

export interface UsersTable {
  id: GeneratedAlways<number>;
  username: string;
  display_name: string;
  email: string | null;
  person_id: number | null;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  /** Secret shown during TOTP set-up, not yet confirmed with a code (migration 0010-auth). */
  totp_pending_secret: string | null;
  oidc_subject: string | null;
  is_active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: NullableTimestamp;
  last_sign_in_at: NullableTimestamp;
  search_key: GeneratedAlways<string>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface RoleGrantsTable {
  id: GeneratedAlways<number>;
  user_id: number;
  role: string;
  unit_id: number;
  granted_by: number | null;
  created_at: TimestampDefault;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: TimestampDefault;
  last_seen_at: TimestampDefault;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface SignInAttemptsTable {
  id: GeneratedAlways<number>;
  username: string;
  ip: string | null;
  succeeded: boolean;
  at: TimestampDefault;
}

export interface SignInThrottlesTable {
  ip: string;
  username: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: number;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface PasswordResetRequestsTable {
  id: GeneratedAlways<number>;
  ip: string | null;
  at: TimestampDefault;
}

export interface SsoFlowsTable {
  state: string;
  code_verifier: string;
  nonce: string;
  return_to: string | null;
  created_at: TimestampDefault;
}

export interface AuditLogTable {
  id: GeneratedAlways<number>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  unit_path: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string | null;
  hash: string;
}

export interface ImportJobsTable {
  id: GeneratedAlways<number>;
  kind: string;
  status: string;
  file_name: string;
  file: Buffer | null;
  created_by: number;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  good_rows: Generated<number>;
  bad_rows: Generated<number>;
  imported_rows: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  failure: string | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

type Numeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;

export interface MovementsTable {
  id: GeneratedAlways<number>;
  name: string;
  theme: string | null;
  kind: string;
  start_year: number;
  end_year: number;
  owner_unit_id: number;
  created_by: number | null;
  created_at: TimestampDefault;
}

export interface PlansTable {
  id: GeneratedAlways<number>;
  movement_id: number;
  unit_id: number;
  parent_plan_id: number | null;
  document_type: Generated<string>;
  number: string | null;
  code: string | null;
  issue_date: string | null;
  signer: string | null;
  title: string;
  purpose_text: string | null;
  status: Generated<string>;
  version: Generated<number>;
  criteria_frozen_at: NullableTimestamp;
  source_file_name: string | null;
  source_text: string | null;
  parse_warnings: ColumnType<unknown, string | undefined, string>;
  created_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
  supersedes_plan_id: ColumnType<number | null, number | null | undefined, number | null>;
  classification_bands: ColumnType<unknown, string | undefined, string>;
  overscore_margin: ColumnType<number, number | string | undefined, number | string>;
  /** The years the plan applies to (migration 0500-plan-years); null: the movement's first or last year. */
  year_from: ColumnType<number | null, number | null | undefined, number | null>;
  year_to: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface PlanCriteriaTable {
  /** By default: ids are taken ahead from the sequence so a whole tree goes in with one insert. */
  id: Generated<number>;
  plan_id: number;
  parent_id: number | null;
  subject: string;
  code: string;
  text: string;
  max_points: Numeric;
  position: number;
  origin_criterion_id: number | null;
  dropped_reason: string | null;
  is_veto: Generated<boolean>;
  source_line: number | null;
  /** The same criterion across a plan's versions (migration 0041-plan-cascade). */
  lineage_key: Generated<string>;
}

export interface PlanMilestonesTable {
  id: GeneratedAlways<number>;
  plan_id: number;
  year: number;
  date: string | null;
  label: string;
  kind: string;
  position: number;
  source_line: number | null;
}

export interface PlanDeadlinesTable {
  id: GeneratedAlways<number>;
  plan_id: number;
  day: number;
  month: number;
  year: number | null;
  period: string;
  recipient_text: string | null;
  recipient_unit_id: number | null;
  text: string;
  position: number;
  source_line: number | null;
}

export interface PlanAwardFormsTable {
  id: GeneratedAlways<number>;
  plan_id: number;
  name: string;
  position: number;
}

export interface EmulationTitlesTable {
  code: string;
  subject: string;
  name: string;
  name_en: string;
  rank: number;
}

export interface RegistrationsTable {
  id: GeneratedAlways<number>;
  plan_id: number;
  movement_id: number;
  year: number;
  subject: string;
  unit_id: number;
  person_id: number | null;
  title_code: string;
  commitments: string | null;
  status: Generated<string>;
  registered_by: number | null;
  registered_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface AssessmentsTable {
  id: GeneratedAlways<number>;
  plan_id: number;
  movement_id: number;
  year: number;
  subject: string;
  unit_id: number;
  person_id: number | null;
  registration_id: number | null;
  stage: Generated<string>;
  self_total: Numeric;
  review_total: Numeric;
  council_total: Numeric;
  met_count: number | null;
  criteria_count: number | null;
  classification: string | null;
  capped_by: string | null;
  cap_reason: string | null;
  overscore_flag: Generated<boolean>;
  returned_reason: string | null;
  returned_from: string | null;
  returned_by: number | null;
  returned_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
  finalised_by: number | null;
  finalised_at: NullableTimestamp;
  override_reason: string | null;
  revision: Generated<number>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface AssessmentScoresTable {
  assessment_id: number;
  plan_id: number;
  criterion_id: number;
  self_points: Numeric;
  self_met: boolean | null;
  self_note: string | null;
  review_points: Numeric;
  review_met: boolean | null;
  review_note: string | null;
  council_points: Numeric;
  council_met: boolean | null;
  council_note: string | null;
  updated_by: number | null;
  updated_at: TimestampDefault;
}

export interface EvidenceTable {
  id: GeneratedAlways<number>;
  assessment_id: number;
  plan_id: number;
  criterion_id: number | null;
  kind: string;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  storage: string | null;
  storage_key: string | null;
  url: string | null;
  note: string | null;
  created_by: number | null;
  created_at: TimestampDefault;
  deleted_by: number | null;
  deleted_at: NullableTimestamp;
}

export interface DisciplinesTable {
  id: GeneratedAlways<number>;
  person_id: number;
  unit_id: number;
  form: string;
  decided_on: string;
  decision_number: string | null;
  reason: string;
  created_by: number | null;
  created_at: TimestampDefault;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
}

/** A year's rating (xếp loại chất lượng) of a person or unit (migration 2026-12-07-0800-achievement-records). */
export interface YearlyRatingsTable {
  id: GeneratedAlways<number>;
  subject: string;
  person_id: number | null;
  unit_id: number;
  year: number;
  rating: string;
  updated_by: number | null;
  updated_at: TimestampDefault;
}

/** A title or award granted (danh hiệu, hình thức khen thưởng đã được tặng). */
export interface GrantedAwardsTable {
  id: GeneratedAlways<number>;
  subject: string;
  person_id: number | null;
  unit_id: number;
  year: number;
  award_code: string;
  kind: Generated<string>;
  decision_number: string | null;
  decided_on: string | null;
  created_by: number | null;
  created_at: TimestampDefault;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
  /** Written by a decision of the system (migration 2026-12-08-0100-award-rounds), with its bonus. */
  decision_id: number | null;
  bonus_coefficient: Numeric;
  base_salary: number | null;
  bonus_amount: number | null;
  /** Why a later award should be looked at again after one it relied on was revoked (migration 0300-granted-review). */
  review_note: string | null;
}

/** A unit's round of bình xét (migration 2026-12-08-0100-award-rounds). */
export interface AwardRoundsTable {
  id: GeneratedAlways<number>;
  unit_id: number;
  year: number;
  kind: string;
  name: string;
  proposed_on: string;
  quota_percent: Numeric;
  status: Generated<string>;
  members_total: number | null;
  opened_by: number | null;
  created_at: TimestampDefault;
  vote_opened_at: NullableTimestamp;
  vote_closed_at: NullableTimestamp;
  revision: Generated<number>;
}

/** A nominee of a round: proposed, short of a condition, or excluded by the council. */
export interface RoundNominationsTable {
  id: GeneratedAlways<number>;
  round_id: number;
  subject: string;
  person_id: number | null;
  unit_id: number;
  award_code: string | null;
  status: string;
  reason: string;
  reason_en: string;
  conditions: ColumnType<unknown, string | undefined, string>;
  note: string | null;
  score: Numeric;
  yes_votes: Generated<number>;
  no_votes: Generated<number>;
  approved: boolean | null;
}

export interface RoundMembersTable {
  round_id: number;
  user_id: number;
}

export interface AwardDecisionsTable {
  id: GeneratedAlways<number>;
  round_id: number;
  unit_id: number;
  number: number;
  code: string;
  signed_on: string;
  signer_name: string;
  signer_title: string;
  created_by: number | null;
  created_at: TimestampDefault;
}

/** An entry of a unit's fund (quỹ thi đua, khen thưởng), migration 2026-12-08-0200-award-fund. */
export interface AwardFundEntriesTable {
  id: GeneratedAlways<number>;
  unit_id: number;
  entry_date: string;
  kind: string;
  amount: number;
  description: string;
  decision_id: number | null;
  created_by: number | null;
  created_at: TimestampDefault;
}

/** An initiative (sáng kiến) recognised, by its author. */
export interface InitiativesTable {
  id: GeneratedAlways<number>;
  person_id: number;
  unit_id: number;
  year: number;
  title: string;
  level: string;
  decision_number: string | null;
  created_by: number | null;
  created_at: TimestampDefault;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
}

/** One unit reminded to register (migration 0042-registration-reminders). */
export interface RegistrationRemindersTable {
  id: GeneratedAlways<number>;
  movement_id: number;
  year: number;
  unit_id: number;
  sent_by: number | null;
  created_at: TimestampDefault;
  sent_at: NullableTimestamp;
  unregistered_count: number | null;
  mail_count: number | null;
  failure: string | null;
}

/** An adopter's decision on a change its parent plan published later (migration 0041-plan-cascade). */
export interface PlanParentDecisionsTable {
  id: GeneratedAlways<number>;
  plan_id: number;
  criterion_key: string;
  kind: string;
  fingerprint: string;
  decision: string;
  source_plan_id: number;
  decided_by: number | null;
  decided_at: TimestampDefault;
}

/** In-app notices (migration 0051-notifications); the same dedupe_key is stored once per user. */
export interface NotificationsTable {
  id: GeneratedAlways<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string;
  created_at: TimestampDefault;
  read_at: NullableTimestamp;
  /** How it was delivered: in the app only, with a mail, or waiting for the daily digest (migration 0600-notification-preferences). */
  channel: Generated<'app' | 'email' | 'digest'>;
  /** When the daily digest mail that listed it went out. */
  digested_at: NullableTimestamp;
}

/** A person's choice of channel for one notice kind; no row means the kind's default (migration 0600-notification-preferences). */
export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  channel: 'app' | 'email' | 'digest';
  updated_at: TimestampDefault;
}

/** The exactly-once ledger: one row per notice, channel and recipient (migration 0051-notifications). */
export interface DeliveriesTable {
  key: string;
  channel: 'email' | 'app';
  recipient: string;
  claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  attempts: Generated<number>;
  last_error: string | null;
}

/** The secret behind a user's iCalendar feed, stored as a hash (migration 0051-notifications). */
export interface CalendarTokensTable {
  user_id: number;
  token_hash: string;
  created_at: TimestampDefault;
}

type JsonValue = ColumnType<unknown, string | undefined, string>;

export interface ReportTemplatesTable {
  id: GeneratedAlways<number>;
  plan_id: number | null;
  code: string;
  name: string;
  period_kind: string;
  /** The halves, quarters or months reported; null for all. */
  period_indexes: number[] | null;
  due_day: number | null;
  due_month: number | null;
  due_date: string | null;
  recipient_unit_id: number | null;
  recipient_text: string | null;
  reporter_kinds: ColumnType<string[], string[] | undefined, string[]>;
  content: JsonValue;
  reminder_schedule: JsonValue;
  document_code: Generated<string>;
  is_active: Generated<boolean>;
  created_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export interface ReportsTable {
  id: GeneratedAlways<number>;
  template_id: number;
  unit_id: number;
  recipient_unit_id: number | null;
  year: number;
  period_key: string;
  period_start: string;
  period_end: string;
  due_date: string;
  status: Generated<string>;
  values: JsonValue;
  narratives: JsonValue;
  number: string | null;
  signer: string | null;
  submitted_at: NullableTimestamp;
  submitted_by: number | null;
  days_late: number | null;
  returned_at: NullableTimestamp;
  returned_by: number | null;
  returned_reason: string | null;
  accepted_at: NullableTimestamp;
  accepted_by: number | null;
  lock_exception_reason: string | null;
  lock_exception_by: number | null;
  lock_exception_at: NullableTimestamp;
  consolidated_at: NullableTimestamp;
  stale: Generated<boolean>;
  revision: Generated<number>;
  created_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

/** A unit's document settings (thể thức văn bản); no row: the defaults from the tree. */
export interface UnitDocumentSettingsTable {
  unit_id: number;
  governing_body: string;
  issuing_body: string;
  code_suffix: string;
  place: string;
  sign_prefix: string | null;
  sign_authority: string;
  signer_title: string;
  signer_name: string;
  updated_by: number | null;
  updated_at: TimestampDefault;
}

export interface DB {
  units: UnitsTable;
  unit_document_settings: UnitDocumentSettingsTable;
  blocks: BlocksTable;
  block_members: BlockMembersTable;
  people: PeopleTable;
  person_assignments: PersonAssignmentsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  sign_in_throttles: SignInThrottlesTable;
  password_reset_tokens: PasswordResetTokensTable;
  password_reset_requests: PasswordResetRequestsTable;
  sso_flows: SsoFlowsTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobsTable;
  movements: MovementsTable;
  plans: PlansTable;
  plan_criteria: PlanCriteriaTable;
  plan_milestones: PlanMilestonesTable;
  plan_deadlines: PlanDeadlinesTable;
  plan_award_forms: PlanAwardFormsTable;
  plan_parent_decisions: PlanParentDecisionsTable;
  emulation_titles: EmulationTitlesTable;
  registrations: RegistrationsTable;
  assessments: AssessmentsTable;
  assessment_scores: AssessmentScoresTable;
  evidence: EvidenceTable;
  disciplines: DisciplinesTable;
  yearly_ratings: YearlyRatingsTable;
  granted_awards: GrantedAwardsTable;
  initiatives: InitiativesTable;
  award_rounds: AwardRoundsTable;
  round_nominations: RoundNominationsTable;
  round_members: RoundMembersTable;
  round_voters: RoundMembersTable;
  award_decisions: AwardDecisionsTable;
  award_fund_entries: AwardFundEntriesTable;
  registration_reminders: RegistrationRemindersTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  deliveries: DeliveriesTable;
  calendar_tokens: CalendarTokensTable;
  report_templates: ReportTemplatesTable;
  reports: ReportsTable;
}
