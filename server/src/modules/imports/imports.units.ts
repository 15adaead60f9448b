import type { Executor } from '../../platform/database.js';
import { unitColumns, type HeaderMap, type UnitField } from './imports.columns.js';
import type { SheetRow } from './imports.files.js';
import {
  CHUNK_ROWS,
  commonAncestor,
  ErrorList,
  hasErrors,
  headerFinder,
  noRows,
  maySee,
  mayWrite,
  tooManyRows,
  MAX_ROWS,
  type ImportPrincipal,
  type RunOptions,
  type RunResult,
} from './imports.pipeline.js';
import { importsRepository as repo, type NewUnit, type UnitRef } from './imports.repository.js';
import { cellText, parseUnitRow, type RowIssue, type UnitRow } from './imports.rows.js';

const CODE = unitColumns.find((c) => c.key === 'code')!;
const PARENT = unitColumns.find((c) => c.key === 'parentCode')!;

interface Entry {
  row: number;
  value: UnitRow | null;
  code: string | null;
  issues: RowIssue[];
  /** Where the unit hangs: an existing unit, another row of the file, or the top of the tree. */
  parent: { db: UnitRef } | { entry: number } | { root: true } | null;
  state: 'unknown' | 'visiting' | 'good' | 'bad';
  depth: number;
  id: number;
  path: string;
}

/**
 * Validates (and in commit mode inserts) units (đơn vị). A units file is a tree that may name a
 * parent further down, so all rows are read first, then parents are resolved, then units are
 * inserted parents first with ids drawn from the sequence and paths built from them.
 */
export async function runUnitsImport(db: Executor, who: ImportPrincipal, rows: AsyncIterable<SheetRow>, opts: RunOptions): Promise<RunResult> {
  const findHeader = headerFinder(unitColumns);
  let header: HeaderMap<UnitField> | null = null;
  const entries: Entry[] = [];
  for await (const r of rows) {
    if (!header) {
      header = findHeader(r);
      continue;
    }
    if (entries.length >= MAX_ROWS) throw tooManyRows();
    const parsed = parseUnitRow(header, r.cells, who.actor !== null);
    const codeIndex = header.index.get('code');
    entries.push({
      row: r.row,
      value: parsed.ok ? parsed.value : null,
      code: codeIndex === undefined ? null : cellText(r.cells[codeIndex] ?? null),
      issues: parsed.ok ? [] : [...parsed.issues],
      parent: null,
      state: 'unknown',
      depth: 0,
      id: 0,
      path: '',
    });
    if (entries.length % CHUNK_ROWS === 0) await opts.onProgress({ processed: entries.length, imported: 0 });
  }
  if (!header) throw noRows();

  // The first row holding each code; later ones are duplicates, and children hang on the first.
  const firstByCode = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.code === null) return;
    const key = e.code.toLowerCase();
    const first = firstByCode.get(key);
    if (first === undefined) firstByCode.set(key, i);
    else e.issues.push({ field: CODE.header, message: `Mã đơn vị "${e.code}" trùng với dòng ${entries[first]!.row}`, messageEn: `Unit code "${e.code}" repeats row ${entries[first]!.row}` });
  });

  const lookup = new Set<string>(firstByCode.keys());
  for (const e of entries) if (e.value?.parentCode) lookup.add(e.value.parentCode.toLowerCase());
  const inDb = new Map<string, UnitRef>();
  const wanted = [...lookup];
  for (let i = 0; i < wanted.length; i += 5000) {
    for (const u of await repo.unitsByCodes(db, wanted.slice(i, i + 5000))) inDb.set(u.code.toLowerCase(), u);
  }

  for (const e of entries) {
    if (e.code !== null && inDb.has(e.code.toLowerCase())) {
      e.issues.push({ field: CODE.header, message: `Mã đơn vị "${e.code}" đã có trong hệ thống`, messageEn: `Unit code "${e.code}" already exists` });
    }
    if (!e.value) continue;
    const parentCode = e.value.parentCode;
    if (parentCode === null) {
      e.parent = { root: true };
      continue;
    }
    const inFile = firstByCode.get(parentCode.toLowerCase());
    if (inFile !== undefined) {
      e.parent = { entry: inFile };
      continue;
    }
    const unit = inDb.get(parentCode.toLowerCase());
    if (!unit || !maySee(who, unit.path)) {
      e.issues.push({ field: PARENT.header, message: `Không tìm thấy đơn vị cấp trên có mã "${parentCode}"`, messageEn: `No parent unit has the code "${parentCode}"` });
    } else if (unit.status !== 'active') {
      e.issues.push({ field: PARENT.header, message: `Đơn vị cấp trên "${parentCode}" đã sáp nhập hoặc giải thể`, messageEn: `Parent unit "${parentCode}" was merged or dissolved` });
    } else if (!mayWrite(who, 'unit.write', unit.path)) {
      e.issues.push({ field: PARENT.header, message: `Bạn không có quyền thêm đơn vị trực thuộc "${parentCode}"`, messageEn: `You may not add units under "${parentCode}"` });
    } else {
      e.parent = { db: unit };
    }
  }
  entries.forEach((_, i) => resolve(entries, i));

  const errors = new ErrorList();
  for (const e of entries) errors.add(e.row, e.issues);
  const good = entries.filter((e) => e.state === 'good').sort((a, b) => a.depth - b.depth);

  let imported = 0;
  let scopePath: string | null | undefined;
  for (const e of good) {
    // Parent scope, not the new unit: the audit entry belongs where the user holds unit.write.
    if (e.parent && 'db' in e.parent) scopePath = commonAncestor(scopePath, e.parent.db.path);
  }
  if (opts.mode === 'commit') {
    if (errors.badRows > 0 && !opts.onlyGoodRows) throw hasErrors(errors);
    const ids = await repo.nextUnitIds(db, good.length);
    good.forEach((e, i) => {
      e.id = ids[i]!;
      const p = e.parent!;
      e.path = 'db' in p ? `${p.db.path}.${e.id}` : 'entry' in p ? `${entries[p.entry]!.path}.${e.id}` : String(e.id);
    });
    for (let i = 0; i < good.length; i += CHUNK_ROWS) {
      const batch: NewUnit[] = good.slice(i, i + CHUNK_ROWS).map((e) => {
        const v = e.value!;
        const p = e.parent!;
        return {
          id: e.id,
          parentId: 'db' in p ? p.db.id : 'entry' in p ? entries[p.entry]!.id : null,
          path: e.path,
          code: v.code,
          name: v.name,
          shortName: v.shortName,
          kind: v.kind,
          validFrom: v.validFrom ?? opts.today,
        };
      });
      await repo.insertUnits(db, batch);
      imported += batch.length;
      await opts.onProgress({ processed: entries.length, imported });
    }
  }
  await opts.onProgress({ processed: entries.length, imported });
  return { totalRows: entries.length, goodRows: good.length, badRows: errors.badRows, importedRows: imported, errors: errors.items, scopePath: scopePath ?? null };
}

/**
 * Settles whether entry i can be created: its own row is clean and its chain of parents inside
 * the file ends at an existing unit (or the top) without a cycle. Iterative, so a deep chain
 * cannot overflow the stack.
 */
function resolve(entries: Entry[], start: number): void {
  const chain: number[] = [];
  let i: number | null = start;
  while (i !== null) {
    const e: Entry = entries[i]!;
    if (e.state === 'good' || e.state === 'bad') break;
    if (e.state === 'visiting') {
      // A cycle: every row on it is bad, named by the rows involved.
      const from = chain.indexOf(i);
      const cycle = chain.slice(from);
      const rowsText = cycle.map((k) => entries[k]!.row).join(', ');
      for (const k of cycle) {
        const c = entries[k]!;
        c.issues.push({ field: PARENT.header, message: `Các đơn vị ở dòng ${rowsText} là cấp trên của nhau (vòng lặp)`, messageEn: `The units on rows ${rowsText} are each other's parents (a cycle)` });
        c.state = 'bad';
      }
      chain.length = from;
      break;
    }
    e.state = 'visiting';
    chain.push(i);
    i = e.parent && 'entry' in e.parent && e.issues.length === 0 ? e.parent.entry : null;
  }
  // Unwind from the top of the chain down, each row taking its parent's verdict.
  for (let k = chain.length - 1; k >= 0; k--) {
    const e = entries[chain[k]!]!;
    if (e.issues.length > 0 || !e.parent) {
      e.state = 'bad';
      continue;
    }
    if ('entry' in e.parent) {
      const p = entries[e.parent.entry]!;
      if (p.state !== 'good') {
        e.issues.push({ field: PARENT.header, message: `Đơn vị cấp trên "${e.value!.parentCode}" (dòng ${p.row}) có lỗi`, messageEn: `Parent unit "${e.value!.parentCode}" (row ${p.row}) has errors` });
        e.state = 'bad';
        continue;
      }
      e.depth = p.depth + 1;
    }
    e.state = 'good';
  }
}
