import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';

// Every query behind the printed documents: no rules here, every method takes a transaction.

/** A unit with what its documents' header needs: its name, kind and place in the tree. */
export interface UnitLine {
  id: number;
  name: string;
  /** The unit's short name ("SNV"), the default code after the document type. */
  short_name?: string | null;
  kind: string;
  path: string;
}

/** What the header and the opening lines of a registration or assessment document need. */
interface SubjectFacts {
  id: number;
  subject: string;
  year: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  person_id: number | null;
  person_name: string | null;
  person_position: string | null;
  person_birth_date: string | null;
  person_gender: string | null;
  movement_name: string;
  plan_id: number;
  plan_title: string;
  plan_document_type: string;
  plan_number: string | null;
  plan_code: string | null;
  plan_issue_date: string | null;
  plan_unit_name: string;
  title_name: string | null;
}

export interface RegistrationDocRow extends SubjectFacts {
  commitments: string | null;
  status: string;
  registered_at: Date;
}

export interface AssessmentDocRow extends SubjectFacts {
  stage: string;
  self_total: number | null;
  review_total: number | null;
  council_total: number | null;
  met_count: number | null;
  criteria_count: number | null;
  classification: string | null;
  capped_by: string | null;
  cap_reason: string | null;
  submitted_at: Date | null;
  finalised_at: Date | null;
  classification_bands: unknown;
}

export interface CriterionScoreRow {
  id: number;
  parent_id: number | null;
  code: string;
  text: string;
  max_points: number | null;
  is_veto: boolean;
  dropped_reason: string | null;
  self_points: number | null;
  self_met: boolean | null;
  review_points: number | null;
  review_met: boolean | null;
  council_points: number | null;
  council_met: boolean | null;
}

export const documentsRepository = {
  registration(db: Executor, id: number): Promise<RegistrationDocRow | undefined> {
    return db
      .selectFrom('registrations as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('plans as pl', 'pl.id', 'r.plan_id')
      .innerJoin('units as pu', 'pu.id', 'pl.unit_id')
      .innerJoin('movements as m', 'm.id', 'r.movement_id')
      .innerJoin('emulation_titles as t', 't.code', 'r.title_code')
      .leftJoin('people as p', 'p.id', 'r.person_id')
      .select([
        'r.id',
        'r.subject',
        'r.year',
        'r.unit_id',
        'u.name as unit_name',
        sql<string>`u.path::text`.as('unit_path'),
        'r.person_id',
        'p.full_name as person_name',
        'p.position as person_position',
        'p.birth_date as person_birth_date',
        'p.gender as person_gender',
        'm.name as movement_name',
        'r.plan_id',
        'pl.title as plan_title',
        'pl.document_type as plan_document_type',
        'pl.number as plan_number',
        'pl.code as plan_code',
        'pl.issue_date as plan_issue_date',
        'pu.name as plan_unit_name',
        't.name as title_name',
        'r.commitments',
        'r.status',
        'r.registered_at',
      ])
      .where('r.id', '=', id)
      .executeTakeFirst();
  },

  assessment(db: Executor, id: number): Promise<AssessmentDocRow | undefined> {
    return db
      .selectFrom('assessments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .innerJoin('plans as pl', 'pl.id', 'a.plan_id')
      .innerJoin('units as pu', 'pu.id', 'pl.unit_id')
      .innerJoin('movements as m', 'm.id', 'a.movement_id')
      .leftJoin('registrations as r', 'r.id', 'a.registration_id')
      .leftJoin('emulation_titles as t', 't.code', 'r.title_code')
      .leftJoin('people as p', 'p.id', 'a.person_id')
      .select([
        'a.id',
        'a.subject',
        'a.year',
        'a.unit_id',
        'u.name as unit_name',
        sql<string>`u.path::text`.as('unit_path'),
        'a.person_id',
        'p.full_name as person_name',
        'p.position as person_position',
        'p.birth_date as person_birth_date',
        'p.gender as person_gender',
        'm.name as movement_name',
        'a.plan_id',
        'pl.title as plan_title',
        'pl.document_type as plan_document_type',
        'pl.number as plan_number',
        'pl.code as plan_code',
        'pl.issue_date as plan_issue_date',
        'pu.name as plan_unit_name',
        't.name as title_name',
        'a.stage',
        'a.self_total',
        'a.review_total',
        'a.council_total',
        'a.met_count',
        'a.criteria_count',
        'a.classification',
        'a.capped_by',
        'a.cap_reason',
        'a.submitted_at',
        'a.finalised_at',
        'pl.classification_bands',
      ])
      .where('a.id', '=', id)
      .executeTakeFirst();
  },

  /** The plan's criteria for one subject, in plan order, with the assessment's scores beside them. */
  criteriaWithScores(db: Executor, assessmentId: number, planId: number, subject: string): Promise<CriterionScoreRow[]> {
    return db
      .selectFrom('plan_criteria as c')
      .leftJoin('assessment_scores as s', (j) => j.onRef('s.criterion_id', '=', 'c.id').on('s.assessment_id', '=', assessmentId))
      .select([
        'c.id',
        'c.parent_id',
        'c.code',
        'c.text',
        'c.max_points',
        'c.is_veto',
        'c.dropped_reason',
        's.self_points',
        's.self_met',
        's.review_points',
        's.review_met',
        's.council_points',
        's.council_met',
      ])
      .where('c.plan_id', '=', planId)
      .where('c.subject', '=', subject)
      .orderBy('c.position')
      .orderBy('c.id')
      .execute();
  },

  /** The unit at `path` and every unit above it, root first: the header names the parent, the place comes from the nearest locality. */
  lineage(db: Executor, path: string): Promise<UnitLine[]> {
    return db
      .selectFrom('units')
      .select(['id', 'name', 'short_name', 'kind', sql<string>`path::text`.as('path')])
      .where(sql<SqlBool>`path @> ${path}::ltree`)
      .orderBy(sql`nlevel(path)`)
      .execute();
  },
};
