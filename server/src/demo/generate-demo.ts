import type { EmploymentCategory, UnitKind } from '@thidua/contracts';
import { sql } from 'kysely';
import type { Database, Tx } from '../platform/database.js';
import { writeAudit } from '../platform/audit.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { DEMO_PASSWORD, demoAccountSpecs, SCHOOL_CODE, WARD_CODE } from './demo-accounts.js';
import { mailboxOf, randomName } from './names.js';
import {
  communeChildren,
  departments,
  headTitle,
  khanhHoaCommunes,
  kindergartenNames,
  NATIONAL_COMMUNES,
  placeFirst,
  placeSecond,
  provinces,
  schoolEponyms,
  staffPlans,
  type ProvinceSpec,
  type UnitSpec,
} from './org-data.js';
import { dropSecondaryIndexes, rebuildIndexes, skipForeignKeyChecks } from '../platform/bulk.js';
import { Random, seedFrom, weighted, type WeightedTable } from './random.js';

export type DemoSize = 'demo' | 'national';

export interface GenerateOptions {
  size: DemoSize;
  seed?: string | number;
  /** People (CBCCVC) to create; demo 500, national 3,000,000. */
  people?: number;
  /** Units in all (national only); 30,000 by default. */
  units?: number;
  /** Communes (xã, phường) nationally; 3,321 by default, fewer when `units` is small. */
  communes?: number;
  /** Year of the blocks (Khối/Cụm thi đua): the current year, by the app's clock. */
  year: number;
  /** Drop and rebuild the people indexes around the load; by default from 200,000 people up. */
  rebuildIndexes?: boolean;
  /** Rows per INSERT; large batches amortise round trips, small ones bound memory. */
  batchSize?: number;
  log?: (message: string) => void;
}

export interface GenerateResult {
  counts: { units: number; activeUnits: number; blocks: number; people: number; assignments: number; users: number };
  seconds: number;
}

/** The database already holds an organisation; the generator never mixes demo rows into real data. */
export class DemoDataExistsError extends Error {
  constructor() {
    super('Cơ sở dữ liệu đã có dữ liệu (đơn vị); không tạo dữ liệu mẫu / the database already holds units: no demonstration data was generated');
  }
}

export const DEMO_PEOPLE = 500;
export const NATIONAL_PEOPLE = 3_000_000;
export const NATIONAL_UNITS = 30_000;
/** The person a search demonstration looks for ("nguyen van duc" finds "Nguyễn Văn Đức"). */
export const SEARCH_DEMO_NAME = 'Nguyễn Văn Đức';

// Serialises concurrent first starts of several server processes on one empty database.
const SEED_LOCK = 7_357_002;
const REFORM_DAY = '2025-07-01';
const DISTRICT_END = '2025-06-30';

interface PlannedUnit {
  id: number;
  parentId: number | null;
  path: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  status: 'active' | 'merged' | 'dissolved';
  validFrom: string;
  validTo: string | null;
  successorId: number | null;
  retireNote: string | null;
  province: ProvinceSpec | null;
  /** People this unit will hold. */
  people: number;
}

/** Builds the organisation tree in memory with ids taken from units_id_seq, so paths need no round trip. */
class TreePlan {
  readonly units: PlannedUnit[] = [];
  readonly byCode = new Map<string, PlannedUnit>();
  constructor(private nextId: number) {}

  add(parent: PlannedUnit | null, u: { code: string; name: string; kind: UnitKind; shortName?: string; validFrom?: string; province?: ProvinceSpec | null }): PlannedUnit {
    const id = this.nextId++;
    const unit: PlannedUnit = {
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${id}` : String(id),
      code: u.code,
      name: u.name,
      shortName: u.shortName ?? null,
      kind: u.kind,
      status: 'active',
      validFrom: u.validFrom ?? REFORM_DAY,
      validTo: null,
      successorId: null,
      retireNote: null,
      province: u.province ?? parent?.province ?? null,
      people: 0,
    };
    this.units.push(unit);
    this.byCode.set(unit.code, unit);
    return unit;
  }

  addSpec(parent: PlannedUnit, spec: UnitSpec, nameSuffix: string): PlannedUnit {
    const code = `${parent.code}-${spec.code}`;
    // "Sở Nội vụ" is ambiguous across 34 provinces; the province goes into the name as on real letterheads.
    const name = / tỉnh$/.test(spec.name) ? spec.name.replace(/ tỉnh$/, nameSuffix) : spec.kind === 'department' ? `${spec.name}${nameSuffix}` : spec.name;
    // An office cannot predate the department it belongs to; schools and hospitals often do.
    const validFrom = spec.validFrom ?? (spec.kind === 'department' ? '2008-04-01' : parent.validFrom);
    const unit = this.add(parent, { code, name, kind: spec.kind, shortName: spec.shortName, validFrom });
    for (const child of spec.children ?? []) this.addSpec(unit, child, nameSuffix);
    return unit;
  }

  retire(unit: PlannedUnit, status: 'merged' | 'dissolved', validTo: string, successor: PlannedUnit, note: string) {
    unit.status = status;
    unit.validTo = validTo;
    unit.successorId = successor.id;
    unit.retireNote = note;
  }
}

/**
 * Generates realistic Vietnamese demonstration data: the organisation tree after the 2025 reform,
 * blocks, people with their assignments, one account per role, and one `demo.seed` audit entry.
 * `demo` is Khánh Hòa with about 500 people; `national` is the benchmark set (34 provinces, 3,321
 * communes, about 30,000 units, 3 million people). Deterministic for a given seed. Refuses to run
 * on a database that already holds units.
 */
export async function generateDemo(db: Database, opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const rng = new Random(seedFrom(opts.seed ?? 'thidua'));
  const national = opts.size === 'national';
  const peopleTarget = Math.max(demoAccountSpecs.length + 1, opts.people ?? (national ? NATIONAL_PEOPLE : DEMO_PEOPLE));
  const batchSize = opts.batchSize ?? 10_000;
  const year = opts.year;

  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    const existing = await trx.selectFrom('units').select('id').limit(1).executeTakeFirst();
    if (existing) throw new DemoDataExistsError();

    const firstUnitId = Number((await sql<{ id: string }>`select nextval('units_id_seq') as id`.execute(trx)).rows[0]!.id);
    const plan = national ? planNational(rng, firstUnitId, opts) : planDemo(rng, firstUnitId);
    const specials = specialPeople();
    distributePeople(rng, plan.units, peopleTarget - specials.length);
    log(`Đơn vị / units: ${plan.units.length} (${plan.units.filter((u) => u.status === 'active').length} đang hoạt động / active)`);

    await insertUnits(trx, plan.units, batchSize);
    await sql`select setval('units_id_seq', ${plan.units[plan.units.length - 1]!.id})`.execute(trx);

    const bulk = opts.rebuildIndexes ?? peopleTarget >= 200_000;
    // Maintaining a trigram GIN index row by row is the slowest part of a large load; rebuilding it once is much faster.
    const deferred = bulk ? await dropSecondaryIndexes(trx, ['people', 'person_assignments']) : [];
    const skipChecks = bulk && (await skipForeignKeyChecks(trx, ['people', 'person_assignments']));
    const peopleResult = await insertPeople(trx, rng, plan, specials, peopleTarget, batchSize, log);
    if (skipChecks) await sql`set local session_replication_role = origin`.execute(trx);
    await rebuildIndexes(trx, deferred, log);
    await sql`select setval(pg_get_serial_sequence('people', 'id'), (select max(id) from people))`.execute(trx);
    // Fresh statistics now, not whenever autovacuum gets round to it: the first searches need good plans.
    await sql`analyze units; analyze people; analyze person_assignments`.execute(trx);

    const blocks = await insertBlocks(trx, plan, year);
    const users = await insertAccounts(trx, plan, peopleResult.personIdByName);
    const counts = {
      units: plan.units.length,
      activeUnits: plan.units.filter((u) => u.status === 'active').length,
      blocks,
      people: peopleResult.people,
      assignments: peopleResult.assignments,
      users,
    };
    const root = plan.units[0]!;
    await writeAudit(trx, { userId: null, name: 'thidua seed', ip: null, userAgent: null }, {
      action: 'demo.seed',
      entity: 'system',
      entityId: null,
      unitId: root.id,
      after: { size: opts.size, seed: String(opts.seed ?? 'thidua'), year, ...counts },
    });
    const seconds = (performance.now() - started) / 1000;
    log(`Xong / done in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
    return { counts, seconds };
  });
}

// ── The organisation tree ───────────────────────────────────────────────

function addRoot(plan: TreePlan) {
  return plan.add(null, { code: 'VN', name: 'Việt Nam', kind: 'national', validFrom: '1976-07-02' });
}

function addProvince(plan: TreePlan, root: PlannedUnit, p: ProvinceSpec) {
  const unit = plan.add(root, { code: p.code, name: p.name, kind: 'province', validFrom: p.code === 'KHA' ? '1989-07-01' : REFORM_DAY, province: p });
  const suffix = ` ${p.name.replace(/^Tỉnh /, 'tỉnh ').replace(/^Thành phố /, 'thành phố ')}`;
  for (const d of departments) plan.addSpec(unit, d, suffix);
  return unit;
}

/** A commune (xã, phường) with its offices, schools and health station; `children` of them in template order. */
function addCommune(plan: TreePlan, rng: Random, province: PlannedUnit, code: string, name: string, children: number, eponyms: readonly string[]) {
  const commune = plan.add(province, { code: `${province.code}-${code}`, name, kind: 'commune', validFrom: REFORM_DAY });
  const ward = name.startsWith('Phường');
  const lower = name.replace(/^Phường/, 'phường').replace(/^Xã/, 'xã').replace(/^Đặc khu/, 'đặc khu');
  const used = new Set<string>();
  for (const t of communeChildren.slice(0, children)) {
    let eponym = rng.pick(eponyms);
    for (let i = 0; used.has(eponym) && i < 5; i++) eponym = rng.pick(eponyms);
    used.add(eponym);
    if (commune.code === WARD_CODE && t.code === 'TH') eponym = 'Hứa Tạo';
    const validFrom = t.kind === 'school' || t.kind === 'health' ? `${rng.int(1976, 2015)}-09-05` : REFORM_DAY;
    plan.add(commune, { code: `${commune.code}-${t.code}`, name: t.name(lower, ward, eponym, rng.pick(kindergartenNames)), kind: t.kind, validFrom });
  }
  return commune;
}

const commonEponyms = schoolEponyms.filter((e) => e !== 'Hứa Tạo');

/**
 * Khánh Hòa as it is shown to a newcomer, with the 2025 reform's history: Ninh Thuận merged into the
 * province, the former Nha Trang city (district level) and two of its units folded into the new
 * wards, and the former labour department dissolved into the Department of Home Affairs.
 */
function addKhanhHoa(plan: TreePlan, rng: Random, root: PlannedUnit, extraCommunes: number, childrenPerCommune: () => number) {
  const kha = addProvince(plan, root, provinces.find((p) => p.code === 'KHA')!);
  for (const c of khanhHoaCommunes) {
    // The ward and school that the demonstration accounts use have every kind of child.
    const n = c.code === 'P-NHATRANG' ? communeChildren.length : childrenPerCommune();
    addCommune(plan, rng, kha, c.code, c.name, n, commonEponyms);
  }
  addGeneratedCommunes(plan, rng, kha, extraCommunes, childrenPerCommune, new Set(khanhHoaCommunes.map((c) => c.name)));

  const ntProvince = plan.add(root, { code: 'NTH', name: 'Tỉnh Ninh Thuận', kind: 'province', validFrom: '1992-04-01', province: kha.province });
  plan.retire(ntProvince, 'merged', DISTRICT_END, kha, 'Hợp nhất với tỉnh Khánh Hòa thành tỉnh Khánh Hòa từ 01/7/2025 theo Nghị quyết số 202/2025/QH15 của Quốc hội.');

  const city = plan.add(kha, { code: 'KHA-TP-NHATRANG', name: 'Thành phố Nha Trang', kind: 'district', validFrom: '1977-03-30' });
  const wardNhaTrang = plan.byCode.get(WARD_CODE)!;
  plan.retire(city, 'merged', DISTRICT_END, wardNhaTrang, 'Kết thúc hoạt động của đơn vị hành chính cấp huyện từ 01/7/2025; địa bàn trung tâm sắp xếp vào phường Nha Trang.');
  const cityHomeAffairs = plan.add(city, { code: 'KHA-TP-NHATRANG-PNV', name: 'Phòng Nội vụ thành phố Nha Trang', kind: 'office', validFrom: '2008-04-01' });
  plan.retire(cityHomeAffairs, 'dissolved', DISTRICT_END, plan.byCode.get(`${WARD_CODE}-VP`)!, 'Giải thể khi kết thúc chính quyền cấp huyện; nhiệm vụ thi đua, khen thưởng chuyển về Văn phòng HĐND và UBND phường Nha Trang.');
  const locTho = plan.add(city, { code: 'KHA-TP-NHATRANG-LOCTHO', name: 'Phường Lộc Thọ', kind: 'commune', validFrom: '1977-03-30' });
  plan.retire(locTho, 'merged', DISTRICT_END, wardNhaTrang, 'Sắp xếp vào phường Nha Trang từ 01/7/2025.');
  const vinhNguyen = plan.add(city, { code: 'KHA-TP-NHATRANG-VINHNGUYEN', name: 'Phường Vĩnh Nguyên', kind: 'commune', validFrom: '1977-03-30' });
  plan.retire(vinhNguyen, 'merged', DISTRICT_END, plan.byCode.get('KHA-P-NAMNHATRANG')!, 'Sắp xếp vào phường Nam Nha Trang từ 01/7/2025.');
  const labour = plan.add(kha, { code: 'KHA-SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội tỉnh Khánh Hòa', kind: 'department', validFrom: '2008-04-01' });
  plan.retire(labour, 'dissolved', '2025-02-28', plan.byCode.get('KHA-SNV')!, 'Giải thể từ 01/3/2025; chức năng lao động, việc làm chuyển về Sở Nội vụ, bảo trợ xã hội chuyển về Sở Y tế.');
  return kha;
}

function addGeneratedCommunes(plan: TreePlan, rng: Random, province: PlannedUnit, count: number, childrenPerCommune: () => number, taken: Set<string>) {
  for (let i = 0; i < count; i++) {
    const ward = rng.chance(0.22);
    let base = `${rng.pick(placeFirst)} ${rng.pick(placeSecond)}`;
    let name = `${ward ? 'Phường' : 'Xã'} ${base}`;
    for (let n = 2; taken.has(name) || base.split(' ')[0] === base.split(' ')[1]; n++) {
      base = `${rng.pick(placeFirst)} ${rng.pick(placeSecond)}`;
      name = `${ward ? 'Phường' : 'Xã'} ${base}${n > 20 ? ` ${n}` : ''}`;
    }
    taken.add(name);
    addCommune(plan, rng, province, `${ward ? 'P' : 'X'}${String(i + 1).padStart(3, '0')}`, name, childrenPerCommune(), commonEponyms);
  }
}

function planDemo(rng: Random, firstId: number): TreePlan {
  const plan = new TreePlan(firstId);
  const root = addRoot(plan);
  addKhanhHoa(plan, rng, root, 0, () => rng.int(5, communeChildren.length - 1));
  return plan;
}

function planNational(rng: Random, firstId: number, opts: GenerateOptions): TreePlan {
  const plan = new TreePlan(firstId);
  const root = addRoot(plan);
  const unitsTarget = opts.units ?? NATIONAL_UNITS;
  // Units that do not depend on the number of communes: root, provinces with departments, KHA's history.
  const perProvince = 1 + departments.reduce((n, d) => n + 1 + (d.children?.length ?? 0), 0);
  const fixed = 1 + provinces.length * perProvince + 6;
  const communes = Math.max(khanhHoaCommunes.length + provinces.length - 1, opts.communes ?? (unitsTarget >= NATIONAL_UNITS ? NATIONAL_COMMUNES : Math.round((NATIONAL_COMMUNES * unitsTarget) / NATIONAL_UNITS)));
  const perCommune = Math.min(communeChildren.length, Math.max(0, (unitsTarget - fixed - communes) / communes));
  // Whole children per commune, carrying the fraction so that the total lands on the target.
  let carry = 0;
  const childrenPerCommune = () => {
    carry += perCommune;
    const n = Math.floor(carry);
    carry -= n;
    return n;
  };
  // Provinces differ in size (51 to 168 communes in 2025): weights, then largest remainders.
  const weights = provinces.map(() => 0.5 + rng.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = apportion(weights.map((w) => (w / total) * communes), communes).map((n) => Math.max(1, n));
  provinces.forEach((p, i) => {
    if (p.code === 'KHA') {
      addKhanhHoa(plan, rng, root, Math.max(0, shares[i]! - khanhHoaCommunes.length), childrenPerCommune);
      return;
    }
    const unit = addProvince(plan, root, p);
    addGeneratedCommunes(plan, rng, unit, shares[i]!, childrenPerCommune, new Set());
  });
  return plan;
}

/** Rounds shares to integers that add up to `total` (largest remainder method). */
function apportion(shares: number[], total: number): number[] {
  const floors = shares.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors;
}

function distributePeople(rng: Random, units: PlannedUnit[], total: number) {
  const active = units.filter((u) => u.status === 'active' && u.kind !== 'national');
  const weights = active.map((u) => staffPlans[u.kind].weight * (0.6 + 0.8 * rng.next()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = apportion(weights.map((w) => (w / sum) * total), total);
  active.forEach((u, i) => (u.people = counts[i]!));
}

async function insertUnits(trx: Tx, units: PlannedUnit[], batchSize: number) {
  for (let i = 0; i < units.length; i += batchSize) {
    const b = units.slice(i, i + batchSize);
    await sql`
      insert into units (id, parent_id, path, code, name, short_name, kind, status, valid_from, valid_to, successor_id, retire_note)
      select id, parent_id, path::ltree, code, name, short_name, kind, status, valid_from, valid_to, null, retire_note
      from unnest(${b.map((u) => u.id)}::bigint[], ${b.map((u) => u.parentId)}::bigint[], ${b.map((u) => u.path)}::text[],
        ${b.map((u) => u.code)}::text[], ${b.map((u) => u.name)}::text[], ${b.map((u) => u.shortName)}::text[], ${b.map((u) => u.kind)}::text[],
        ${b.map((u) => u.status)}::text[], ${b.map((u) => u.validFrom)}::date[], ${b.map((u) => u.validTo)}::date[], ${b.map((u) => u.retireNote)}::text[])
        as t(id, parent_id, path, code, name, short_name, kind, status, valid_from, valid_to, retire_note)
    `.execute(trx);
  }
  // Successors may come later in the list than the units they replace: set them once all exist.
  const retired = units.filter((u) => u.successorId !== null);
  if (retired.length) {
    await sql`
      update units set successor_id = t.successor_id
      from unnest(${retired.map((u) => u.id)}::bigint[], ${retired.map((u) => u.successorId)}::bigint[]) as t(id, successor_id)
      where units.id = t.id
    `.execute(trx);
  }
}

// ── People (CBCCVC) ─────────────────────────────────────────────────────

interface SpecialPerson {
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  position: string;
  unitCode: string;
  category: EmploymentCategory;
}

/** The people behind the demonstration accounts, and the one the search demonstration finds. */
function specialPeople(): SpecialPerson[] {
  const list: SpecialPerson[] = demoAccountSpecs.flatMap((s) => (s.person ? [s.person] : []));
  list.push({ fullName: SEARCH_DEMO_NAME, gender: 'male', birthDate: '1978-05-19', position: 'Trưởng phòng', unitCode: 'KHA-SGDDT-VP', category: 'civil_servant' });
  return list;
}

const phonePrefixes = ['090', '091', '093', '094', '096', '097', '098', '086', '088', '089', '032', '033', '034', '035', '036', '037', '038', '039', '070', '076', '077', '078', '079', '081', '083', '084', '085'];

class PeopleBatch {
  id: number[] = [];
  code: (string | null)[] = [];
  fullName: string[] = [];
  gender: string[] = [];
  birth: (string | null)[] = [];
  category: string[] = [];
  position: (string | null)[] = [];
  unit: number[] = [];
  email: (string | null)[] = [];
  phone: (string | null)[] = [];
  active: boolean[] = [];
  // Assignments (quá trình công tác) of the same people.
  aPerson: number[] = [];
  aUnit: number[] = [];
  aPosition: (string | null)[] = [];
  aStart: string[] = [];
  aEnd: (string | null)[] = [];
  get size() {
    return this.id.length;
  }
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const BIRTH_FIRST = dayOf('1965-01-01');
const BIRTH_LAST = dayOf('2000-12-31');
const LEADER_BIRTH_LAST = dayOf('1985-12-31');
const HIRE_FIRST = dayOf('1995-08-01');
const HIRE_LAST = dayOf('2025-06-01');

async function insertPeople(
  trx: Tx,
  rng: Random,
  plan: TreePlan,
  specials: SpecialPerson[],
  total: number,
  batchSize: number,
  log: (m: string) => void,
): Promise<{ people: number; assignments: number; personIdByName: Map<string, number> }> {
  const firstId = Number((await sql<{ id: string }>`select nextval(pg_get_serial_sequence('people', 'id')) as id`.execute(trx)).rows[0]!.id);
  let nextId = firstId;
  let people = 0;
  let assignments = 0;
  const personIdByName = new Map<string, number>();
  const codeSeq = new Map<string, number>();
  const mailboxes = new Map<string, number>();
  // Transfers (điều động, luân chuyển) go to another unit of the same province.
  const activeByProvince = new Map<string, PlannedUnit[]>();
  for (const u of plan.units) {
    if (u.status !== 'active' || !u.province || u.kind === 'province') continue;
    const list = activeByProvince.get(u.province.code) ?? [];
    list.push(u);
    activeByProvince.set(u.province.code, list);
  }
  const history = {
    wardChildren: plan.units.filter((u) => u.path.startsWith(`${plan.byCode.get(WARD_CODE)?.path ?? '-'}.`) || u.code === WARD_CODE),
    cityOffice: plan.byCode.get('KHA-TP-NHATRANG-PNV'),
    locTho: plan.byCode.get('KHA-TP-NHATRANG-LOCTHO'),
    labour: plan.byCode.get('KHA-SLDTBXH'),
    homeAffairs: plan.byCode.get('KHA-SNV'),
  };
  const staffTables = new Map<UnitKind, WeightedTable<readonly [string, number, EmploymentCategory]>>();
  const staffTable = (kind: UnitKind) => {
    let t = staffTables.get(kind);
    if (!t) staffTables.set(kind, (t = weighted(staffPlans[kind].staff.map((s) => [s, s[1]] as const))));
    return t;
  };

  let batch = new PeopleBatch();
  let pending: Promise<unknown> | null = null;
  const t0 = performance.now();
  let nextReport = Math.max(batchSize, Math.round(total / 20));
  const flush = async () => {
    if (batch.size === 0) return;
    const b = batch;
    batch = new PeopleBatch();
    // One insert in flight while the next batch is generated: the database and Node share the cores.
    if (pending) await pending;
    const write = writeBatch(trx, b);
    // Awaited at the next flush; the no-op handler only keeps Node from calling it unhandled meanwhile.
    write.catch(() => undefined);
    pending = write;
    if (people >= nextReport || people === total) {
      const s = (performance.now() - t0) / 1000;
      log(`  người / people ${people.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${Math.round((people / total) * 100)} %), ${s.toFixed(1)} s, ${Math.round(people / s).toLocaleString('en-US')}/s`);
      nextReport += Math.round(total / 20);
    }
  };

  const addPerson = (unit: PlannedUnit, p: { fullName: string; gender: 'male' | 'female'; mailbox: string | null; alwaysMail?: boolean; birth: number; position: string; category: EmploymentCategory; active: boolean }) => {
    const id = nextId++;
    const prov = unit.province!;
    const seq = (codeSeq.get(prov.code) ?? 0) + 1;
    codeSeq.set(prov.code, seq);
    batch.id.push(id);
    batch.code.push(`${prov.code}${String(seq).padStart(6, '0')}`);
    batch.fullName.push(p.fullName);
    batch.gender.push(p.gender);
    batch.birth.push(isoOf(p.birth));
    batch.category.push(p.category);
    batch.position.push(p.position);
    batch.unit.push(unit.id);
    let email: string | null = null;
    if (p.mailbox && (p.alwaysMail || rng.chance(0.88))) {
      const domain = unit.kind === 'school' ? prov.domain.replace('.gov.vn', '.edu.vn') : prov.domain;
      const key = `${p.mailbox}@${domain}`;
      const n = (mailboxes.get(key) ?? 0) + 1;
      mailboxes.set(key, n);
      email = n === 1 ? key : `${p.mailbox}${n}@${domain}`;
    }
    batch.email.push(email);
    batch.phone.push(rng.chance(0.9) ? `${rng.pick(phonePrefixes)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}` : null);
    batch.active.push(p.active);

    // Current assignment; anyone in a unit created by the 2025 reform started there on 01/7/2025.
    const earliest = Math.max(HIRE_FIRST, p.birth + 22 * 365);
    const hired = earliest >= HIRE_LAST ? HIRE_LAST : rng.int(earliest, HIRE_LAST);
    const start = Math.max(hired, dayOf(unit.validFrom));
    let previous: { unit: PlannedUnit; start: number; end: number; position: string } | null = null;
    if (unit.province?.code === 'KHA' && history.cityOffice && history.wardChildren.includes(unit) && rng.chance(0.35)) {
      // Staff of the new ward came from the former city's office or from the merged ward.
      previous = { unit: rng.chance(0.4) ? history.cityOffice : history.locTho!, start: Math.min(hired, dayOf(DISTRICT_END) - 400), end: dayOf(DISTRICT_END), position: p.position };
    } else if (unit === history.homeAffairs && history.labour && rng.chance(0.3)) {
      previous = { unit: history.labour, start: Math.min(hired, dayOf('2025-02-28') - 400), end: dayOf('2025-02-28'), position: 'Chuyên viên' };
    } else if (rng.chance(0.02) && start - hired > 400) {
      const others = activeByProvince.get(prov.code)!;
      const from = others[rng.int(0, others.length - 1)]!;
      if (from !== unit && dayOf(from.validFrom) <= hired) previous = { unit: from, start: hired, end: start - 1, position: p.position.startsWith('Phó') || p.position.startsWith('Trưởng') ? 'Chuyên viên' : p.position };
    }
    if (previous) {
      batch.aPerson.push(id);
      batch.aUnit.push(previous.unit.id);
      batch.aPosition.push(previous.position);
      batch.aStart.push(isoOf(previous.start));
      batch.aEnd.push(isoOf(previous.end));
      assignments++;
    }
    batch.aPerson.push(id);
    batch.aUnit.push(unit.id);
    batch.aPosition.push(p.position);
    batch.aStart.push(isoOf(previous ? Math.max(start, previous.end + 1) : start));
    batch.aEnd.push(null);
    assignments++;
    people++;
    return id;
  };

  for (const s of specials) {
    const unit = plan.byCode.get(s.unitCode)!;
    const id = addPerson(unit, { fullName: s.fullName, gender: s.gender, mailbox: mailboxOf(s.fullName), birth: dayOf(s.birthDate), position: s.position, category: s.category, active: true, alwaysMail: true });
    personIdByName.set(s.fullName, id);
  }

  for (const unit of plan.units) {
    if (unit.people === 0) continue;
    const sp = staffPlans[unit.kind];
    const titles = headTitle(unit.kind, unit.name);
    const table = staffTable(unit.kind);
    for (let i = 0; i < unit.people; i++) {
      const leader = i === 0 || (i === 1 && unit.people > 3);
      const [position, , category] = leader ? [i === 0 ? titles.head : titles.deputy, 0, sp.headCategory] : rng.pickWeighted(table);
      const gender = rng.chance(leader ? sp.female * 0.6 : sp.female) ? 'female' : 'male';
      let name = randomName(rng, gender);
      while (name.fullName === SEARCH_DEMO_NAME) name = randomName(rng, gender);
      const birth = rng.int(BIRTH_FIRST, leader ? LEADER_BIRTH_LAST : BIRTH_LAST);
      addPerson(unit, { fullName: name.fullName, gender, mailbox: name.mailbox, birth, position, category, active: !rng.chance(0.01) });
      if (batch.size >= batchSize) await flush();
    }
  }
  await flush();
  if (pending) await pending;
  return { people, assignments, personIdByName };
}

async function writeBatch(trx: Tx, b: PeopleBatch) {
  await sql`
    insert into people (id, code, full_name, gender, birth_date, category, position, unit_id, email, phone, is_active)
    overriding system value
    select * from unnest(${b.id}::bigint[], ${b.code}::text[], ${b.fullName}::text[], ${b.gender}::text[], ${b.birth}::date[],
      ${b.category}::text[], ${b.position}::text[], ${b.unit}::bigint[], ${b.email}::text[], ${b.phone}::text[], ${b.active}::boolean[])
  `.execute(trx);
  await sql`
    insert into person_assignments (person_id, unit_id, position, started_on, ended_on)
    select * from unnest(${b.aPerson}::bigint[], ${b.aUnit}::bigint[], ${b.aPosition}::text[], ${b.aStart}::date[], ${b.aEnd}::date[])
  `.execute(trx);
}

// ── Blocks (Khối/Cụm thi đua) and accounts ─────────────────────────────

async function insertBlocks(trx: Tx, plan: TreePlan, year: number): Promise<number> {
  let count = 0;
  const provinceUnits = plan.units.filter((u) => u.kind === 'province' && u.status === 'active');
  for (const p of provinceUnits) {
    const children = plan.units.filter((u) => u.parentId === p.id && u.status === 'active');
    const depts = children.filter((u) => u.kind === 'department');
    const communes = children.filter((u) => u.kind === 'commune');
    const groups = [
      { kind: 'khoi', name: `Khối thi đua các sở, ban, ngành ${p.name.replace(/^Tỉnh/, 'tỉnh').replace(/^Thành phố/, 'thành phố')}`, members: depts, head: 'STC', deputy: 'STP' },
      { kind: 'cum', name: p.code === 'KHA' ? 'Cụm thi đua các phường, xã khu vực Nha Trang' : `Cụm thi đua các xã, phường số 1`, members: communes.slice(0, Math.min(communes.length, 12)), head: 'P-NHATRANG', deputy: 'P-BACNHATRANG' },
    ];
    for (const g of groups) {
      if (g.members.length === 0) continue;
      const head = g.members.find((m) => m.code === `${p.code}-${g.head}`) ?? g.members[0]!;
      const deputy = g.members.find((m) => m.code === `${p.code}-${g.deputy}`) ?? g.members[1] ?? null;
      const block = await trx
        .insertInto('blocks')
        .values({ year, kind: g.kind, name: g.name, organizer_unit_id: p.id, head_unit_id: head.id, deputy_unit_id: deputy?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('block_members')
        .values(g.members.map((m) => ({ block_id: block.id, unit_id: m.id })))
        .execute();
      count++;
    }
  }
  return count;
}

async function insertAccounts(trx: Tx, plan: TreePlan, personIdByName: Map<string, number>): Promise<number> {
  let created = 0;
  for (const spec of demoAccountSpecs) {
    const unit = plan.byCode.get(spec.unitCode);
    if (!unit) continue;
    // An account made earlier (e.g. with create-admin) keeps its password; the demo never overwrites one.
    const taken = await trx.selectFrom('users').select('id').where('username', '=', spec.username).executeTakeFirst();
    if (taken) continue;
    const personId = spec.person ? (personIdByName.get(spec.person.fullName) ?? null) : null;
    const email = personId
      ? ((await trx.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirst())?.email ?? null)
      : null;
    const user = await trx
      .insertInto('users')
      .values({
        username: spec.username,
        display_name: spec.displayName,
        email: email ?? `${spec.username}@thidua.local`,
        person_id: personId,
        password_hash: await hashPassword(DEMO_PASSWORD),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('role_grants').values({ user_id: user.id, role: spec.role, unit_id: unit.id }).execute();
    created++;
  }
  return created;
}

export { SCHOOL_CODE, WARD_CODE };
