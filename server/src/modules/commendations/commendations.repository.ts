import { sql, type Selectable, type SqlBool } from 'kysely';
import type { AwardDecisionsTable, AwardRoundsTable, RoundNominationsTable } from '../../db/schema.js';
import type { Executor } from '../../platform/database.js';

// The round of bình xét, its nominees, the council's ballot and the decision in the database:
// Kysely only, no rules.

export type RoundRow = Selectable<AwardRoundsTable> & { unit_name: string; unit_path: string };
export type DecisionRow = Selectable<AwardDecisionsTable>;

/** A nominee as the round reads it: the row, and who it is. */
export type NominationRow = Selectable<RoundNominationsTable> & { name: string; position: string | null; unit_name: string };

export interface CandidateRow {
  person_id: number;
  unit_id: number;
  full_name: string;
  registered: string | null;
  score: number | null;
}

export interface NewNomination {
  subject: 'individual';
  person_id: number;
  unit_id: number;
  award_code: string | null;
  status: string;
  reason: string;
  reason_en: string;
  conditions: string;
  score: number | null;
}

const roundColumns = [
  'r.id',
  'r.unit_id',
  'r.year',
  'r.kind',
  'r.name',
  'r.proposed_on',
  'r.quota_percent',
  'r.status',
  'r.members_total',
  'r.opened_by',
  'r.created_at',
  'r.vote_opened_at',
  'r.vote_closed_at',
  'r.revision',
  'u.name as unit_name',
  'u.path as unit_path',
] as const;

export const commendationsRepository = {
  findRound(db: Executor, id: number): Promise<RoundRow | undefined> {
    return db.selectFrom('award_rounds as r').innerJoin('units as u', 'u.id', 'r.unit_id').select(roundColumns).where('r.id', '=', id).executeTakeFirst();
  },

  /** Locks the round, so that two steps on it (two closings, a ballot and the closing) run one after the other. */
  async lockRound(db: Executor, id: number): Promise<{ status: string } | undefined> {
    return db.selectFrom('award_rounds').select(['status']).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** Rounds of units within the given subtrees, newest year first, with how many are proposed. */
  listRounds(db: Executor, roots: readonly string[], year: number | undefined) {
    if (roots.length === 0) return Promise.resolve([]);
    let q = db
      .selectFrom('award_rounds as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(roundColumns)
      .select((eb) =>
        eb
          .selectFrom('round_nominations as n')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('n.round_id', '=', 'r.id')
          .where('n.status', '=', 'proposed')
          .as('proposed'),
      )
      .where(sql<SqlBool>`u.path <@ ${roots}::ltree[]`);
    if (year !== undefined) q = q.where('r.year', '=', year);
    return q.orderBy('r.year', 'desc').orderBy('r.id', 'desc').execute();
  },

  /**
   * The people a unit's round considers: those of the unit itself and of its internal divisions
   * (phòng, ban: kind office), active; with the highest title registered for the year and the year's
   * best final office-culture score.
   */
  candidates(db: Executor, unitId: number, year: number, titleRanks: readonly string[]): Promise<CandidateRow[]> {
    return sql<CandidateRow>`
      select p.id as person_id, p.unit_id, p.full_name,
             (select r.title_code from registrations r
               where r.person_id = p.id and r.year = ${year} and r.status = 'registered'
               order by array_position(${titleRanks}::text[], r.title_code) desc nulls last limit 1) as registered,
             (select max(coalesce(a.council_total, a.review_total, a.self_total)) from assessments a
               where a.person_id = p.id and a.year = ${year} and a.stage = 'final') as score
        from people p
        join units u on u.id = p.unit_id
       where p.is_active and (u.id = ${unitId} or (u.parent_id = ${unitId} and u.kind = 'office'))
       order by p.full_name, p.id`
      .execute(db)
      .then((r) => r.rows);
  },

  async insertRound(
    db: Executor,
    row: { unit_id: number; year: number; kind: string; name: string; proposed_on: string; quota_percent: number | null; opened_by: number; created_at: Date },
  ): Promise<number> {
    const r = await db.insertInto('award_rounds').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async insertNominations(db: Executor, roundId: number, rows: readonly NewNomination[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('round_nominations')
      .values(rows.map((r) => ({ round_id: roundId, ...r })))
      .execute();
  },

  nominations(db: Executor, roundId: number): Promise<NominationRow[]> {
    return db
      .selectFrom('round_nominations as n')
      .innerJoin('units as u', 'u.id', 'n.unit_id')
      .leftJoin('people as p', 'p.id', 'n.person_id')
      .select([
        'n.id',
        'n.round_id',
        'n.subject',
        'n.person_id',
        'n.unit_id',
        'n.award_code',
        'n.status',
        'n.reason',
        'n.reason_en',
        'n.conditions',
        'n.note',
        'n.score',
        'n.yes_votes',
        'n.no_votes',
        'n.approved',
        sql<string>`coalesce(p.full_name, u.name)`.as('name'),
        'p.position',
        'u.name as unit_name',
      ])
      .where('n.round_id', '=', roundId)
      .orderBy('n.id')
      .execute() as Promise<NominationRow[]>;
  },

  async updateNomination(
    db: Executor,
    id: number,
    set: { award_code?: string; status?: string; reason?: string; reason_en?: string; conditions?: string; note?: string | null },
  ): Promise<void> {
    await db.updateTable('round_nominations').set(set).where('id', '=', id).execute();
  },

  async setRound(db: Executor, id: number, set: { status?: string; members_total?: number; vote_opened_at?: Date; vote_closed_at?: Date }): Promise<void> {
    await db
      .updateTable('award_rounds')
      .set({ ...set, revision: sql`revision + 1` })
      .where('id', '=', id)
      .execute();
  },

  /** Active users holding the council role at the unit itself. */
  councilAt(db: Executor, unitId: number): Promise<{ user_id: number }[]> {
    return db
      .selectFrom('role_grants as g')
      .innerJoin('users as us', 'us.id', 'g.user_id')
      .select('g.user_id')
      .distinct()
      .where('g.unit_id', '=', unitId)
      .where('g.role', '=', 'council_member')
      .where('us.is_active', '=', true)
      .orderBy('g.user_id')
      .execute();
  },

  async insertMembers(db: Executor, roundId: number, userIds: readonly number[]): Promise<void> {
    await db
      .insertInto('round_members')
      .values(userIds.map((user_id) => ({ round_id: roundId, user_id })))
      .execute();
  },

  members(db: Executor, roundId: number): Promise<{ user_id: number }[]> {
    return db.selectFrom('round_members').select('user_id').where('round_id', '=', roundId).execute();
  },

  async votedCount(db: Executor, roundId: number): Promise<number> {
    const r = await db.selectFrom('round_voters').select(sql<number>`count(*)::int`.as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow();
    return r.n;
  },

  async hasVoted(db: Executor, roundId: number, userId: number): Promise<boolean> {
    return (await db.selectFrom('round_voters').select('user_id').where('round_id', '=', roundId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
  },

  /** Records that the user voted; false when they already had. */
  async insertVoter(db: Executor, roundId: number, userId: number): Promise<boolean> {
    const r = await db
      .insertInto('round_voters')
      .values({ round_id: roundId, user_id: userId })
      .onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    return r !== undefined;
  },

  /** Adds one ballot's answers to the counters: nothing names the voter. */
  async addVotes(db: Executor, roundId: number, yes: readonly number[], no: readonly number[]): Promise<void> {
    if (yes.length) await db.updateTable('round_nominations').set({ yes_votes: sql`yes_votes + 1` }).where('round_id', '=', roundId).where('id', 'in', yes).execute();
    if (no.length) await db.updateTable('round_nominations').set({ no_votes: sql`no_votes + 1` }).where('round_id', '=', roundId).where('id', 'in', no).execute();
  },

  /** The tally's outcome for every nominee at once. */
  async setApproved(db: Executor, results: { id: number; approved: boolean }[]): Promise<void> {
    if (results.length === 0) return;
    await sql`
      update round_nominations n set approved = r.approved
        from unnest(${results.map((r) => r.id)}::bigint[], ${results.map((r) => r.approved)}::boolean[]) as r(id, approved)
       where n.id = r.id`.execute(db);
  },

  decisionOf(db: Executor, roundId: number): Promise<DecisionRow | undefined> {
    return db.selectFrom('award_decisions').selectAll().where('round_id', '=', roundId).executeTakeFirst();
  },

  async insertDecision(
    db: Executor,
    row: { round_id: number; unit_id: number; number: number; code: string; signed_on: string; signer_name: string; signer_title: string; created_by: number },
  ): Promise<number> {
    const r = await db.insertInto('award_decisions').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async insertGrants(
    db: Executor,
    rows: readonly {
      person_id: number;
      unit_id: number;
      year: number;
      award_code: string;
      kind: string;
      decision_number: string;
      decided_on: string;
      decision_id: number;
      bonus_coefficient: number;
      base_salary: number;
      bonus_amount: number;
      created_by: number;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('granted_awards')
      .values(rows.map((r) => ({ subject: 'individual', ...r })))
      .execute();
  },

  /** The grants a decision wrote, with their bonus. */
  grantsOf(db: Executor, decisionId: number): Promise<{ person_id: number | null; award_code: string; bonus_amount: number | null; revoked_at: Date | null }[]> {
    return db.selectFrom('granted_awards').select(['person_id', 'award_code', 'bonus_amount', 'revoked_at']).where('decision_id', '=', decisionId).execute();
  },

  /** The unit's head and emulation officers, who run its round. */
  runnersAt(db: Executor, unitId: number): Promise<{ user_id: number }[]> {
    return db.selectFrom('role_grants').select('user_id').where('unit_id', '=', unitId).where('role', 'in', ['unit_head', 'unit_officer']).execute();
  },

  /** Titles and awards already on the people's records for the year, not revoked. */
  heldInYear(db: Executor, personIds: readonly number[], year: number): Promise<{ person_id: number | null; award_code: string; kind: string }[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('granted_awards')
      .select(['person_id', 'award_code', 'kind'])
      .where('person_id', 'in', personIds)
      .where('year', '=', year)
      .where('revoked_at', 'is', null)
      .execute();
  },

  /** Users who are the people on a list, to tell them of the decision. */
  usersOfPeople(db: Executor, personIds: readonly number[]): Promise<{ id: number; person_id: number | null }[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('users').select(['id', 'person_id']).where('person_id', 'in', personIds).where('is_active', '=', true).execute();
  },
};
