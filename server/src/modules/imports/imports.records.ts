import { awards, ratingLabels, type Rating } from '@thidua/contracts';
import { awardOf } from '../awards/awards.catalogue.js';
import type { Executor } from '../../platform/database.js';
import { recordColumns, type HeaderMap, type RecordField } from './imports.columns.js';
import type { SheetRow } from './imports.files.js';
import { CHUNK_ROWS, commonAncestor, ErrorList, hasErrors, headerFinder, maySee, mayWrite, MAX_ROWS, noRows, tooManyRows, type ImportPrincipal, type RunOptions, type RunResult } from './imports.pipeline.js';
import { importsRepository, type UnitRef } from './imports.repository.js';
import { recordImportsRepository as repo, type NewRecordYear, type RecordPersonRef } from './imports.records-repository.js';
import { parseRecordRow, type Parsed, type RecordRow, type RowIssue } from './imports.rows.js';

// The past years of the record of achievements (hồ sơ thành tích) from a spreadsheet: one row a person
// and year, with the year's rating, the titles and awards granted with their decision, and an
// initiative. Eligibility looks three to five years back and the system is new, so the record starts
// from the unit's files. Each row finds its person by code, or by name within the unit; a year the
// record already holds differently, a title already there, a person twice for the same year, or a
// unit the user may not write the record of are row errors; a dry run first, as with people.

const UNIT = recordColumns.find((c) => c.key === 'unitCode')!;
const NAME = recordColumns.find((c) => c.key === 'fullName')!;
const CODE = recordColumns.find((c) => c.key === 'code')!;
const YEAR = recordColumns.find((c) => c.key === 'year')!;
const RATING = recordColumns.find((c) => c.key === 'rating')!;
const AWARDS = recordColumns.find((c) => c.key === 'awards')!;

interface Pending {
  row: number;
  result: Parsed<RecordRow>;
}


export async function runRecordsImport(db: Executor, who: ImportPrincipal, rows: AsyncIterable<SheetRow>, opts: RunOptions): Promise<RunResult> {
  const findHeader = headerFinder(recordColumns);
  let header: HeaderMap<RecordField> | null = null;
  const errors = new ErrorList();
  const units = new Map<string, UnitRef | null>();
  // person id/year → first row that gave it.
  const seen = new Map<string, number>();
  let total = 0;
  let imported = 0;
  let scopePath: string | null | undefined;
  let chunk: Pending[] = [];

  const flush = async () => {
    if (chunk.length === 0) return;
    const parsed = chunk.flatMap((p) => (p.result.ok ? [p.result.value] : []));
    const unknown = [...new Set(parsed.map((v) => v.unitCode.toLowerCase()))].filter((c) => !units.has(c));
    for (const u of await importsRepository.unitsByCodes(db, unknown)) units.set(u.code.toLowerCase(), u);
    for (const c of unknown) if (!units.has(c)) units.set(c, null);
    const byCode = new Map((await repo.peopleByCodes(db, parsed.flatMap((v) => (v.code ? [v.code] : [])))).map((p) => [p.code!.toLowerCase(), p]));
    const unitIds = [...new Set(parsed.filter((v) => !v.code).flatMap((v) => units.get(v.unitCode.toLowerCase())?.id ?? []))];
    const byName = new Map<string, RecordPersonRef[]>();
    for (const p of await repo.peopleOfUnits(db, unitIds)) byName.set(`${p.unit_id}/${p.name_key}`, [...(byName.get(`${p.unit_id}/${p.name_key}`) ?? []), p]);

    // First the person of each row, then what the record already holds for them.
    const found: (RecordPersonRef | null)[] = [];
    const issuesOf: RowIssue[][] = [];
    for (const p of chunk) {
      const issues: RowIssue[] = p.result.ok ? [] : [...p.result.issues];
      issuesOf.push(issues);
      found.push(null);
      if (!p.result.ok) continue;
      const v = p.result.value;
      const unit = units.get(v.unitCode.toLowerCase()) ?? null;
      if (!unit || !maySee(who, unit.path)) {
        issues.push({ field: UNIT.header, message: `Không tìm thấy đơn vị có mã "${v.unitCode}"`, messageEn: `No unit has the code "${v.unitCode}"` });
        continue;
      }
      if (!mayWrite(who, 'record.write', unit.path)) {
        issues.push({ field: UNIT.header, message: `Bạn không có quyền nhập hồ sơ thành tích của đơn vị "${v.unitCode}"`, messageEn: `You may not write the records of unit "${v.unitCode}"` });
        continue;
      }
      let person: RecordPersonRef | null = null;
      if (v.code) {
        person = byCode.get(v.code.toLowerCase()) ?? null;
        if (!person) issues.push({ field: CODE.header, message: `Không tìm thấy cán bộ có mã "${v.code}"`, messageEn: `No person has the code "${v.code}"` });
        else if (person.unit_id !== unit.id) issues.push({ field: CODE.header, message: `Cán bộ mã "${v.code}" không thuộc đơn vị "${v.unitCode}"`, messageEn: `Person "${v.code}" is not in unit "${v.unitCode}"` });
        else if (person.name_key !== v.fullName.toLowerCase()) issues.push({ field: NAME.header, message: `Cán bộ mã "${v.code}" có họ tên khác "${v.fullName}"`, messageEn: `Person "${v.code}" has another name than "${v.fullName}"` });
      } else {
        const matches = byName.get(`${unit.id}/${v.fullName.toLowerCase()}`) ?? [];
        if (matches.length === 0) issues.push({ field: NAME.header, message: `Đơn vị "${v.unitCode}" không có cán bộ tên "${v.fullName}"`, messageEn: `Unit "${v.unitCode}" has nobody named "${v.fullName}"` });
        else if (matches.length > 1) issues.push({ field: NAME.header, message: `Đơn vị có ${matches.length} cán bộ tên "${v.fullName}": ghi Mã cán bộ để phân biệt`, messageEn: `${matches.length} people are named "${v.fullName}": give the staff code` });
        else person = matches[0]!;
      }
      if (person && who.actor?.personId === person.id) {
        issues.push({ field: NAME.header, message: 'Không tự nhập hồ sơ thành tích của chính mình', messageEn: 'You may not write your own record' });
        person = null;
      }
      if (person && issues.length === 0) {
        const key = `${person.id}/${v.year}`;
        const first = seen.get(key);
        if (first !== undefined) issues.push({ field: YEAR.header, message: `${v.fullName} năm ${v.year} đã có ở dòng ${first}`, messageEn: `${v.fullName} ${v.year} is already on row ${first}` });
        else seen.set(key, p.row);
      }
      found[found.length - 1] = issues.length === 0 ? person : null;
    }

    const ids = [...new Set(found.flatMap((p) => (p ? [p.id] : [])))];
    const existing = await repo.existing(db, ids);
    const good: NewRecordYear[] = [];
    chunk.forEach((p, i) => {
      const issues = issuesOf[i]!;
      const person = found[i];
      if (p.result.ok && person) {
        const v = p.result.value;
        const held = existing.ratings.find((r) => r.person_id === person.id && r.year === v.year);
        if (v.rating && held && held.rating !== v.rating) {
          issues.push({
            field: RATING.header,
            message: `Hồ sơ đã có xếp loại năm ${v.year} là "${ratingLabels[held.rating as Rating].vi}"; sửa trong hồ sơ thành tích nếu cần`,
            messageEn: `The record already rates ${v.year} as "${ratingLabels[held.rating as Rating].en}"; change it in the record if needed`,
          });
        }
        for (const code of v.awards) {
          if (existing.granted.some((g) => g.person_id === person.id && g.year === v.year && g.award_code === code)) {
            issues.push({ field: AWARDS.header, message: `Hồ sơ đã có ${awardOf(code).name} năm ${v.year}`, messageEn: `The record already holds ${awardOf(code).en} for ${v.year}` });
          }
        }
        if (issues.length === 0) {
          const unit = units.get(v.unitCode.toLowerCase())!;
          good.push({ personId: person.id, unitId: unit.id, year: v.year, rating: v.rating, awards: v.awards, decisionNumber: v.decisionNumber, decidedOn: v.decidedOn, initiative: v.initiative });
          scopePath = commonAncestor(scopePath, unit.path);
          return;
        }
      }
      errors.add(p.row, issues);
    });

    if (opts.mode === 'commit') {
      if (errors.badRows > 0 && !opts.onlyGoodRows) throw hasErrors(errors);
      imported += await repo.insert(db, good, who.actor?.userId ?? null);
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
    if (total + chunk.length >= MAX_ROWS) throw tooManyRows();
    chunk.push({ row: row.row, result: parseRecordRow(header, row.cells, opts.today) });
    if (chunk.length >= CHUNK_ROWS) await flush();
  }
  if (!header) throw noRows();
  await flush();
  return { totalRows: total, goodRows: total - errors.badRows, badRows: errors.badRows, importedRows: imported, errors: errors.items, scopePath: scopePath ?? null };
}
