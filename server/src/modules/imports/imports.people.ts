import type { Executor } from '../../platform/database.js';
import { peopleColumns, type HeaderMap, type PersonField } from './imports.columns.js';
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
import { importsRepository as repo, type NewPerson, type UnitRef } from './imports.repository.js';
import { cellText, parsePersonRow, type Parsed, type PersonRow, type RowIssue } from './imports.rows.js';

interface Pending {
  row: number;
  code: string | null;
  result: Parsed<PersonRow>;
}

const UNIT = peopleColumns.find((c) => c.key === 'unitCode')!;
const CODE = peopleColumns.find((c) => c.key === 'code')!;

/**
 * Validates (and in commit mode inserts) people (cán bộ, công chức, viên chức) chunk by chunk:
 * memory holds one chunk plus the set of codes seen, whatever the file's length. In commit mode
 * `db` is the import's transaction, so a failure leaves nothing behind.
 */
export async function runPeopleImport(db: Executor, who: ImportPrincipal, rows: AsyncIterable<SheetRow>, opts: RunOptions): Promise<RunResult> {
  const findHeader = headerFinder(peopleColumns);
  let header: HeaderMap<PersonField> | null = null;
  const errors = new ErrorList();
  // lower(code) → the unit, or null when no such unit exists: asked once per code for the whole file.
  const units = new Map<string, UnitRef | null>();
  // lower(person code) → first row that used it.
  const seen = new Map<string, number>();
  let total = 0;
  let imported = 0;
  let scopePath: string | null | undefined;
  // Rows are parsed as they arrive and only the small results wait for the chunk's database
  // checks, so the raw cells die young instead of being promoted to V8's old generation.
  let chunk: Pending[] = [];

  const flush = async () => {
    if (chunk.length === 0) return;
    const wantedUnits = new Set<string>();
    for (const p of chunk) if (p.result.ok) wantedUnits.add(p.result.value.unitCode.toLowerCase());
    const unknown = [...wantedUnits].filter((c) => !units.has(c));
    for (const u of await repo.unitsByCodes(db, unknown)) units.set(u.code.toLowerCase(), u);
    for (const c of unknown) if (!units.has(c)) units.set(c, null);
    const existing = await repo.existingPersonCodes(db, chunk.map((p) => p.code).filter((c): c is string => c !== null && c.length <= 50));

    const good: NewPerson[] = [];
    for (const p of chunk) {
      const issues: RowIssue[] = p.result.ok ? [] : [...p.result.issues];
      const code = p.code;
      if (code !== null) {
        const key = code.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) issues.push({ field: CODE.header, message: `Mã cán bộ "${code}" trùng với dòng ${first}`, messageEn: `Staff code "${code}" repeats row ${first}` });
        else seen.set(key, p.row);
        if (existing.has(key)) issues.push({ field: CODE.header, message: `Mã cán bộ "${code}" đã có trong hệ thống`, messageEn: `Staff code "${code}" already exists` });
      }
      if (p.result.ok) {
        const v = p.result.value;
        const unit = units.get(v.unitCode.toLowerCase()) ?? null;
        // A unit the user cannot see reads as unknown, as it would through the API (404, not 403).
        if (!unit || !maySee(who, unit.path)) {
          issues.push({ field: UNIT.header, message: `Không tìm thấy đơn vị có mã "${v.unitCode}"`, messageEn: `No unit has the code "${v.unitCode}"` });
        } else if (unit.status !== 'active') {
          issues.push({ field: UNIT.header, message: `Đơn vị "${v.unitCode}" đã sáp nhập hoặc giải thể`, messageEn: `Unit "${v.unitCode}" was merged or dissolved` });
        } else if (!mayWrite(who, 'person.write', unit.path)) {
          issues.push({ field: UNIT.header, message: `Bạn không có quyền thêm cán bộ vào đơn vị "${v.unitCode}"`, messageEn: `You may not add people to unit "${v.unitCode}"` });
        } else if (issues.length === 0) {
          good.push({ code: v.code, fullName: v.fullName, gender: v.gender, birthDate: v.birthDate, category: v.category, position: v.position, unitId: unit.id, email: v.email, phone: v.phone });
          scopePath = commonAncestor(scopePath, unit.path);
          continue;
        }
      }
      errors.add(p.row, issues);
    }

    if (opts.mode === 'commit') {
      if (errors.badRows > 0 && !opts.onlyGoodRows) throw hasErrors(errors);
      imported += await repo.insertPeople(db, good, opts.today);
    }
    total += chunk.length;
    chunk = [];
    await opts.onProgress({ processed: total, imported });
  };

  for await (const row of rows) {
    if (!header) {
      header = findHeader(row);
      continue;
    }
    // The code is read from the raw cell, so that a bad row's code still counts as used in the file.
    if (total + chunk.length >= MAX_ROWS) throw tooManyRows();
    const codeIndex = header.index.get('code');
    chunk.push({ row: row.row, code: codeIndex === undefined ? null : cellText(row.cells[codeIndex] ?? null), result: parsePersonRow(header, row.cells, opts.today) });
    if (chunk.length >= CHUNK_ROWS) await flush();
  }
  if (!header) throw noRows();
  await flush();
  return { totalRows: total, goodRows: total - errors.badRows, badRows: errors.badRows, importedRows: imported, errors: errors.items, scopePath: scopePath ?? null };
}
