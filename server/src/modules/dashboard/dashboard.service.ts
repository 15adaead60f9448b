import {
  assessmentStages,
  type AssessmentStage,
  type DashboardBlockRow,
  type DashboardFigures,
  type DashboardQuery,
  type DashboardRow,
  type DashboardView,
  type RankingEntry,
  type RankingsQuery,
  type RankingView,
  type SubjectFigures,
} from '@thidua/contracts';
import { can } from '../../platform/access.js';
import { isWithin, visibleRoots, type Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { nameCollation } from '../../platform/search.js';
import { normaliseBands, type Band } from '../assessments/assessments.rules.js';
import {
  dashboardRepository as repo,
  type AssessmentCountRow,
  type MovementRef,
  type RankingRow,
  type ScopeUnit,
  type UnitRef,
} from './dashboard.repository.js';
import { officialFileName } from '../documents/file-names.js';
import { dashboardWorkbook, rankingWorkbook } from './dashboard.xlsx.js';

// The dashboard (tổng hợp) of one level and the rankings (xếp hạng), read live from the database on
// every call: several server processes may run, so nothing is kept in memory between requests.

/** People ranked per call: a school's or a department's staff; an export takes the whole list. */
export const RANKING_LIMIT = 1000;
export const RANKING_EXPORT_LIMIT = 100_000;

// ── Access ─────────────────────────────────────────────────────────────

/**
 * The level's figures are for those who may read its unit. A unit above the actor's own subtree is
 * known to them (it issues the plans they adopt) but not theirs to read: 403. Anything else: 404.
 */
function requireReadable(actor: Actor, path: string): void {
  if (can(actor, 'unit.read', path)) return;
  if (visibleRoots(actor).some((root) => isWithin(root, path))) throw new AppError('FORBIDDEN');
  throw new AppError('NOT_FOUND');
}

async function readableUnit(db: Executor, actor: Actor, id: number): Promise<UnitRef> {
  const unit = await repo.findUnit(db, id);
  if (!unit) throw new AppError('NOT_FOUND');
  requireReadable(actor, unit.path);
  return unit;
}

/** A movement owned in the actor's subtrees or above them (as plans.service reads them). */
async function visibleMovement(db: Executor, actor: Actor, id: number): Promise<MovementRef> {
  const m = await repo.findMovement(db, id);
  if (!m || !visibleRoots(actor).some((r) => isWithin(m.owner_path, r) || isWithin(r, m.owner_path))) throw new AppError('NOT_FOUND');
  return m;
}

// ── Figures ────────────────────────────────────────────────────────────

const emptySubject = (): SubjectFigures => ({
  expected: 0,
  registered: 0,
  rate: null,
  assessments: { self: 0, review: 0, council: 0, final: 0 },
  classified: {},
  overscored: 0,
});
const emptyFigures = (): DashboardFigures => ({ people: emptySubject(), units: emptySubject() });

/** What is counted of each unit, read once and added into every level and block it belongs to. */
interface UnitFacts {
  unit: ScopeUnit;
  people: number;
  registered: { individual: number; collective: number };
  assessments: AssessmentCountRow[];
}

function addUnit(into: DashboardFigures, f: UnitFacts): void {
  into.people.expected += f.people;
  if (f.unit.status === 'active') into.units.expected += 1;
  into.people.registered += f.registered.individual;
  into.units.registered += f.registered.collective;
  for (const a of f.assessments) {
    const s = a.subject === 'individual' ? into.people : into.units;
    if ((assessmentStages as readonly string[]).includes(a.stage)) s.assessments[a.stage as AssessmentStage] += a.n;
    if (a.stage === 'final' && a.classification) s.classified[a.classification] = (s.classified[a.classification] ?? 0) + a.n;
    s.overscored += a.overscored;
  }
}

function withRates(f: DashboardFigures): DashboardFigures {
  const rate = (s: SubjectFigures) => (s.expected > 0 ? Math.round((s.registered / s.expected) * 10000) / 10000 : null);
  return { people: { ...f.people, rate: rate(f.people) }, units: { ...f.units, rate: rate(f.units) } };
}

function hasAny(f: DashboardFigures): boolean {
  return [f.people, f.units].some((s) => s.expected > 0 || s.registered > 0 || Object.values(s.assessments).some((n) => n > 0));
}

/** The bands of the movement's plans, merged by key (the first plan's label wins), highest first. */
function mergeBands(raw: unknown[], seenKeys: Iterable<string>): Band[] {
  const byKey = new Map<string, Band>();
  for (const bands of raw.length ? raw : [null]) for (const b of normaliseBands(bands)) if (!byKey.has(b.key)) byKey.set(b.key, b);
  // A key no plan names any more (a plan's bands were edited) still shows, under its own name.
  for (const key of seenKeys) if (!byKey.has(key)) byKey.set(key, { key, vi: key, en: key, min: -1 });
  return [...byKey.values()].sort((a, b) => b.min - a.min);
}

const collator = new Intl.Collator('vi');

/** The figures of a level: the unit's subtree in total, its own row and each direct sub-unit, and the blocks organised inside it. */
export async function getDashboard(ctx: AppContext, actor: Actor, query: DashboardQuery): Promise<DashboardView> {
  const unit = await readableUnit(ctx.db, actor, query.unitId);
  const movement = await visibleMovement(ctx.db, actor, query.movementId);
  const collation = await nameCollation(ctx.db);

  const [units, blockRows, rawBands] = await Promise.all([
    repo.subtree(ctx.db, unit.path),
    repo.blocksWithin(ctx.db, unit.path, query.year, collation),
    repo.movementBands(ctx.db, movement.id),
  ]);
  const ids = units.map((u) => u.id);
  const depth = unit.path.split('.').length;
  // Assessments are counted per bucket: the nearest unit at or above each unit that is the level
  // itself, a direct sub-unit or a block member. Units of one bucket share their branch and their
  // blocks, so the roll-ups below come out the same as from unit-by-unit counts.
  const members = new Set(blockRows.map((b) => b.member_id).filter((m): m is number => m !== null));
  const bucketOf = (u: ScopeUnit): number => {
    const segments = u.path.split('.').map(Number);
    for (let i = segments.length - 1; i >= depth; i--) if (i === depth || members.has(segments[i]!)) return segments[i]!;
    return unit.id;
  };
  const [people, registrations, assessments] = await Promise.all([
    repo.activePeople(ctx.db, ids),
    repo.registrations(ctx.db, movement.id, query.year, ids),
    repo.assessments(ctx.db, movement.id, query.year, ids, units.map(bucketOf)),
  ]);

  const facts = new Map<number, UnitFacts>(units.map((u) => [u.id, { unit: u, people: 0, registered: { individual: 0, collective: 0 }, assessments: [] }]));
  for (const p of people) facts.get(p.unit_id)!.people = p.n;
  for (const r of registrations) facts.get(r.unit_id)!.registered = { individual: r.individual, collective: r.collective };
  for (const a of assessments) facts.get(a.unit_id)!.assessments.push(a);

  // Each unit counts in the total, in its branch (the direct sub-unit above it, or the unit's own
  // row) and in every block one of its ancestors-or-self is a member of.
  const total = emptyFigures();
  const branches = new Map<number, DashboardFigures>();
  const blocks = new Map<number, { row: Omit<DashboardBlockRow, keyof DashboardFigures>; figures: DashboardFigures; members: Set<number> }>();
  const blocksOfMember = new Map<number, number[]>();
  for (const b of blockRows) {
    if (!blocks.has(b.id)) blocks.set(b.id, { row: { blockId: b.id, blockName: b.name, kind: b.kind as DashboardBlockRow['kind'], memberCount: 0 }, figures: emptyFigures(), members: new Set() });
    if (b.member_id !== null) {
      blocks.get(b.id)!.members.add(b.member_id);
      blocksOfMember.set(b.member_id, [...(blocksOfMember.get(b.member_id) ?? []), b.id]);
    }
  }
  for (const f of facts.values()) {
    addUnit(total, f);
    const segments = f.unit.path.split('.');
    const branch = segments.length === depth ? unit.id : Number(segments[depth]);
    if (!branches.has(branch)) branches.set(branch, emptyFigures());
    addUnit(branches.get(branch)!, f);
    // Blocks over members' subtrees, inside this level only: what lies outside is not the reader's.
    const inBlocks = new Set(segments.slice(depth - 1).flatMap((s) => blocksOfMember.get(Number(s)) ?? []));
    for (const id of inBlocks) addUnit(blocks.get(id)!.figures, f);
  }

  const own = branches.get(unit.id) ?? emptyFigures();
  const children: DashboardRow[] = [
    { unitId: unit.id, unitName: unit.name, own: true, ...withRates(own) },
    ...units
      .filter((u) => u.parent_id === unit.id)
      .map((u) => ({ u, f: branches.get(u.id) ?? emptyFigures() }))
      // A merged or dissolved sub-unit stays while it still holds figures of the year.
      .filter(({ u, f }) => u.status === 'active' || hasAny(f))
      .sort((a, b) => collator.compare(a.u.name, b.u.name))
      .map(({ u, f }) => ({ unitId: u.id, unitName: u.name, own: false, ...withRates(f) })),
  ];

  const seen = new Set(assessments.map((a) => a.classification).filter((c): c is string => c !== null));
  return {
    movementId: movement.id,
    movementName: movement.name,
    year: query.year,
    unitId: unit.id,
    unitName: unit.name,
    bands: mergeBands(rawBands, seen),
    total: withRates(total),
    children,
    blocks: [...blocks.values()].map((b) => ({ ...b.row, memberCount: b.members.size, ...withRates(b.figures) })),
    at: ctx.now().toISOString(),
  };
}

// ── Rankings ───────────────────────────────────────────────────────────

function toEntry(r: RankingRow): RankingEntry {
  const band = r.classification ? normaliseBands(r.classification_bands).find((b) => b.key === r.classification) : undefined;
  return {
    rank: r.rank,
    assessmentId: r.assessment_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    personId: r.person_id,
    personName: r.person_name,
    stage: r.stage as AssessmentStage | null,
    selfTotal: r.self_total,
    reviewTotal: r.review_total,
    councilTotal: r.council_total,
    score: r.score,
    classification: r.classification,
    classificationLabel: r.classification ? { vi: band?.vi ?? r.classification, en: band?.en ?? r.classification } : null,
    provisional: r.stage !== 'final',
    finalisedAt: r.finalised_at ? new Date(r.finalised_at).toISOString() : null,
  };
}

/**
 * Units of a block (Khối/Cụm thi đua) ranked by their collective assessment, or people of a unit's
 * subtree by their own: score = council ?? review ?? self, ties share a rank, not final = provisional.
 */
export async function getRankings(ctx: AppContext, actor: Actor, query: RankingsQuery, limit = RANKING_LIMIT): Promise<RankingView> {
  const movement = await visibleMovement(ctx.db, actor, query.movementId);
  const collation = await nameCollation(ctx.db);
  const base = { movementId: movement.id, movementName: movement.name, year: query.year, at: ctx.now().toISOString() };

  if (query.blockId !== undefined) {
    const block = await repo.findBlock(ctx.db, query.blockId);
    if (!block) throw new AppError('NOT_FOUND');
    if (!can(actor, 'unit.read', block.organizer_path)) {
      // A member knows its block, but the other members' results belong to the organizer's level.
      const members = await repo.blockMemberPaths(ctx.db, block.id);
      if (members.some((p) => can(actor, 'unit.read', p))) throw new AppError('FORBIDDEN');
      throw new AppError('NOT_FOUND');
    }
    const rows = await repo.rankUnitsOfBlock(ctx.db, block.id, movement.id, query.year, collation);
    return { ...base, subject: 'collective', blockId: block.id, blockName: block.name, unitId: null, unitName: null, items: rows.map(toEntry), total: rows.length, limit: rows.length };
  }

  const unit = await readableUnit(ctx.db, actor, query.unitId!);
  const ids = (await repo.subtree(ctx.db, unit.path)).map((u) => u.id);
  const rows = await repo.rankPeople(ctx.db, movement.id, query.year, ids, limit, collation);
  return { ...base, subject: 'individual', blockId: null, blockName: null, unitId: unit.id, unitName: unit.name, items: rows.map(toEntry), total: rows[0]?.total ?? 0, limit };
}

// ── Exports ────────────────────────────────────────────────────────────

/** The dashboard's sub-unit table as .xlsx, under a Vietnamese file name. */
export async function exportDashboard(ctx: AppContext, actor: Actor, query: DashboardQuery): Promise<{ fileName: string; body: Buffer }> {
  const view = await getDashboard(ctx, actor, query);
  return { fileName: officialFileName(`Tổng hợp thi đua năm ${view.year} ${view.unitName}`, 'xlsx'), body: await dashboardWorkbook(view) };
}

/** A ranking as .xlsx: the whole list, not only the first page. */
export async function exportRankings(ctx: AppContext, actor: Actor, query: RankingsQuery): Promise<{ fileName: string; body: Buffer }> {
  const view = await getRankings(ctx, actor, query, RANKING_EXPORT_LIMIT);
  return { fileName: officialFileName(`Xếp hạng thi đua năm ${view.year} ${view.blockName ?? view.unitName}`, 'xlsx'), body: await rankingWorkbook(view) };
}
