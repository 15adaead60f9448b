import ExcelJS from 'exceljs';
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { officialFileName } from '../documents/file-names.js';
import { issuerOf, unitSignature } from '../documents/issuer.js';
import { renderStatePdf } from '../documents/pdf.js';
import { formatNumber, renderStateDocument, splitTableColumns, type StateAppendix, type StateBlock, type StateDocument, type TableCellInput } from '../documents/state-format.js';
import { unitDocumentSettings } from '../documents/unit-documents.js';
import { excelDate } from '../dashboard/dashboard.xlsx.js';
import { formatCalendarDate, periodFromKey, periodLabel, vietnamDateOf } from './reports.periods.js';
import { reportingScopeOf, reportsRepository } from './reports.repository.js';
import { formatPercent, referenceText, type DocumentSettings, type ReportPeriodKind } from '@thidua/contracts';

// A unit's periodic report (báo cáo định kỳ) as a document in the state format (Nghị định
// 30/2020: "Số: …/BC-…", the title BÁO CÁO, the indicator tables, the narrative sections, the
// signer and Nơi nhận), as .docx and PDF; and the consolidated table of the children's figures as
// .xlsx. Everything is read from the `reports` row as stored: what the unit typed, and beside it
// what the system computed when the two differ. The issuer lines, the code after "BC-", the place
// and the signature block come from the unit's document settings (documents/issuer.ts). A report of
// a unit with reporting units below it (a district above its communes, a province above its
// districts) also prints its children's figures — the same children and figures the report page
// lists (reports.service.ts) — in a phụ lục after the signature, on landscape pages when the table
// is wide, split into groups of indicators with the units' names repeated when wider still.

// ── The stored shapes ─────────────────────────────────────────────────

const indicatorSchema = z.object({ key: z.string(), label: z.string(), kind: z.string().default('number'), source: z.string().optional() });
const contentSchema = z.object({
  sections: z.array(z.object({ key: z.string(), title: z.string(), indicators: z.array(indicatorSchema).default([]) })).default([]),
  narratives: z.array(z.object({ key: z.string(), title: z.string() })).default([]),
});
type TemplateContent = z.infer<typeof contentSchema>;
type Indicator = z.infer<typeof indicatorSchema>;

const scalar = z.union([z.number(), z.string(), z.boolean()]).nullable().optional();
const valuesSchema = z.record(z.string(), z.object({ typed: scalar, computed: scalar, consolidated: scalar }).partial());
type IndicatorValue = { typed?: number | string | boolean | null; computed?: number | string | boolean | null; consolidated?: number | string | boolean | null };

/** The template's content, empty where the stored JSON is not of the documented shape. */
export function contentOf(value: unknown): TemplateContent {
  const parsed = contentSchema.safeParse(value);
  return parsed.success ? parsed.data : { sections: [], narratives: [] };
}

function valuesOf(value: unknown): Record<string, IndicatorValue> {
  const parsed = valuesSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

function narrativesOf(value: unknown): Record<string, string> {
  const parsed = z.record(z.string(), z.string().nullable()).safeParse(value ?? {});
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).filter((e): e is [string, string] => e[1] !== null));
}

// ── Reading the report ────────────────────────────────────────────────

async function loadReport(db: Executor, id: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('report_templates as t', 't.id', 'r.template_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('units as ru', (join) => join.on(sql<SqlBool>`ru.id = coalesce(r.recipient_unit_id, t.recipient_unit_id)`))
    .select([
      'r.id',
      'r.template_id',
      'r.unit_id',
      'r.period_key',
      'r.period_start',
      'r.period_end',
      'r.due_date',
      'r.status',
      'r.values',
      'r.narratives',
      'r.number',
      'r.signer',
      'r.submitted_at',
      't.name as template_name',
      't.period_kind',
      't.content',
      't.document_code',
      't.recipient_text',
      'u.name as unit_name',
      'u.short_name as unit_short_name',
      sql<string>`u.path::text`.as('unit_path'),
      'ru.name as recipient_name',
      sql<string | null>`ru.path::text`.as('recipient_path'),
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
type ReportRow = NonNullable<Awaited<ReturnType<typeof loadReport>>>;

/** The report if the actor reads its unit or the unit it is sent to; 404 otherwise. */
async function visibleReport(ctx: AppContext, actor: Actor, id: number): Promise<ReportRow> {
  const r = await loadReport(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  const readsUnit = can(actor, 'unit.read', r.unit_path);
  const readsRecipient = r.recipient_path !== null && can(actor, 'unit.read', r.recipient_path);
  if (!readsUnit && !readsRecipient) throw new AppError('NOT_FOUND');
  return r;
}

function periodText(r: Pick<ReportRow, 'period_kind' | 'period_key' | 'period_start' | 'period_end'>): string {
  try {
    return periodLabel(periodFromKey(r.period_kind as ReportPeriodKind, r.period_key));
  } catch {
    return `Từ ngày ${formatCalendarDate(r.period_start)} đến ngày ${formatCalendarDate(r.period_end)}`;
  }
}

/** "BC-UBND": the template's document type and the issuer's code from the unit's settings. */
export function reportCode(documentCode: string | null, settings: DocumentSettings): string {
  return `${documentCode || 'BC'}-${settings.codeSuffix}`;
}

// ── Values as printed ─────────────────────────────────────────────────

function printed(value: IndicatorValue['typed'], kind: string): TableCellInput {
  if (value === null || value === undefined || value === '') return '';
  if (kind === 'boolean' || typeof value === 'boolean') return value === true || value === 'true' ? 'Có' : 'Không';
  // A percentage prints with its sign but stands right like the other figures of its column.
  if (typeof value === 'number') return kind === 'percent' ? { value: formatPercent(value, 'vi', 2), align: 'right' } : value;
  return String(value);
}

const sameValue = (a: IndicatorValue['typed'], b: IndicatorValue['typed']) => (a ?? null) === (b ?? null) || String(a ?? '') === String(b ?? '');

const unitOf: Record<string, string> = { number: '', percent: '%', boolean: 'có/không', text: '' };

const romans = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
const roman = (i: number) => romans[i] ?? String(i + 1);

function indicatorTable(indicators: Indicator[], values: Record<string, IndicatorValue>): StateBlock {
  // The computed column only when the unit changed a figure the system filled in.
  const differs = indicators.some((ind) => {
    const v = values[ind.key];
    return v?.computed !== undefined && v.computed !== null && v.typed !== undefined && v.typed !== null && !sameValue(v.typed, v.computed);
  });
  const header: TableCellInput[] = ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kết quả', ...(differs ? ['Số liệu hệ thống'] : [])];
  const rows = indicators.map((ind, i): TableCellInput[] => {
    const v = values[ind.key] ?? {};
    const shown = v.typed ?? v.computed ?? null;
    const beside = differs && v.typed !== null && v.typed !== undefined && v.computed !== null && v.computed !== undefined && !sameValue(v.typed, v.computed) ? printed(v.computed, ind.kind) : '';
    return [String(i + 1), ind.label, unitOf[ind.kind] ?? '', printed(shown, ind.kind), ...(differs ? [beside] : [])];
  });
  return { kind: 'table', widths: differs ? [1, 6, 2, 2, 2] : [1, 7, 2, 2], header: [header], rows };
}

// ── The children's figures ────────────────────────────────────────────

/** One reporting unit below the report's unit, with its report of the same period if it has one. */
export interface ChildLine {
  unitName: string;
  status: 'missing' | 'draft' | 'submitted' | 'returned' | 'accepted';
  daysLate: number | null;
  submittedAt: Date | string | null;
  values: Record<string, IndicatorValue>;
}

/** The children the report page lists: the nearest reporting units below, in name order. */
async function childLines(db: Executor, r: ReportRow): Promise<ChildLine[]> {
  const t = await reportsRepository.findTemplate(db, r.template_id);
  if (!t) return [];
  const units = await reportsRepository.childReportingUnits(db, reportingScopeOf(t), r.unit_path);
  const reports = new Map(
    (
      await reportsRepository.reportsOfUnits(
        db,
        t.id,
        r.period_key,
        units.map((u) => u.id),
      )
    ).map((c) => [c.unit_id, c]),
  );
  return units.map((u) => {
    const c = reports.get(u.id);
    return c
      ? { unitName: u.name, status: c.status as ChildLine['status'], daysLate: c.days_late, submittedAt: c.submitted_at, values: valuesOf(c.values) }
      : { unitName: u.name, status: 'missing', daysLate: null, submittedAt: null, values: {} };
  });
}

const SENT = new Set(['submitted', 'accepted']);

/** "Đúng hạn", "Muộn 3 ngày" for a sent report; else where it stands. */
function childState(c: ChildLine): string {
  if (SENT.has(c.status)) return c.daysLate && c.daysLate > 0 ? `Muộn ${c.daysLate} ngày` : 'Đúng hạn';
  return { missing: 'Chưa báo cáo', draft: 'Chưa gửi (đang soạn)', returned: 'Bị trả lại' }[c.status as 'missing' | 'draft' | 'returned'];
}

/** Figure columns a portrait page holds beside STT, the unit and its state; more go on a landscape page. */
const PORTRAIT_FIGURES = 3;
/** Figure columns a landscape page holds; more are split into tables that repeat the units' names. */
const LANDSCAPE_FIGURES = 7;

/** "Số đơn vị phải báo cáo: …": who sent and who did not, in words, for the body of the report. */
function childrenSummary(children: ChildLine[]): string {
  const sent = children.filter((c) => SENT.has(c.status));
  const late = sent.filter((c) => (c.daysLate ?? 0) > 0).length;
  const notSent = children.filter((c) => !SENT.has(c.status));
  return (
    `Số đơn vị phải báo cáo: ${children.length}; đã gửi: ${sent.length} (đúng hạn: ${sent.length - late}, muộn: ${late}); chưa gửi: ${notSent.length}` +
    (notSent.length ? ` (${notSent.map((c) => c.unitName).join(', ')}).` : '.')
  );
}

/**
 * "Số liệu của các đơn vị trực thuộc" as a phụ lục: the figures of each child that sent (what it
 * typed, else what the system counted) by number and percent indicator, closed by the row of the
 * consolidated figure (tổng hợp). A child that has not sent is listed without figures:
 * consolidation leaves it out too. Up to 3 indicators fit a portrait page; more take a landscape
 * page, and more than 7 are split into tables of indicators, each repeating STT and the units.
 */
function childrenAppendix(indicators: Indicator[], children: ChildLine[], values: Record<string, IndicatorValue>, note: string): StateAppendix | null {
  const figures = indicators.filter((i) => i.kind === 'number' || i.kind === 'percent');
  if (figures.length === 0) return null;
  const header: TableCellInput[] = ['STT', 'Đơn vị', 'Tình hình gửi', ...figures.map((i) => (i.kind === 'percent' ? `${i.label} (%)` : i.label))];
  const rows = children.map((c, n): TableCellInput[] => [
    String(n + 1),
    c.unitName,
    childState(c),
    ...figures.map((i) => (SENT.has(c.status) ? printed(c.values[i.key]?.typed ?? c.values[i.key]?.computed ?? null, i.kind) : '')),
  ]);
  rows.push([{ value: 'Tổng hợp', colSpan: 3, bold: true, align: 'center' }, ...figures.map((i) => printed(values[i.key]?.consolidated ?? null, i.kind))]);
  const landscape = figures.length > PORTRAIT_FIGURES;
  // STT wide enough for its bold header on one line, the state ("Muộn 2 ngày") too on a landscape
  // page, where the units' names also take more room; the figures share what is left.
  const widths = landscape ? [1.3, 6.5, 2.9] : [1.3, 5.5, 2.4];
  const table: Extract<StateBlock, { kind: 'table' }> = { kind: 'table', widths: [...widths, ...figures.map(() => 2.3)], header: [header], rows };
  const tables = splitTableColumns(table, 3, landscape ? LANDSCAPE_FIGURES : PORTRAIT_FIGURES);
  return {
    label: 'Phụ lục',
    title: 'Số liệu của các đơn vị trực thuộc',
    note,
    landscape,
    body: tables.flatMap((t, i): StateBlock[] => (tables.length > 1 ? [{ kind: 'heading', text: `Bảng ${i + 1}/${tables.length}` }, t] : [t])),
  };
}

/**
 * The trích yếu under "BÁO CÁO": the template's name without its own leading "Báo cáo" (the title
 * already says it), then the period — only its year when the name already ends with the period
 * ("… văn hóa công sở năm" + "Năm 2026" gives "… văn hóa công sở năm 2026", not "năm năm 2026";
 * "… 6 tháng đầu năm" + "6 tháng đầu năm 2026" gives "… 6 tháng đầu năm 2026").
 */
export function reportSummary(templateName: string, periodLabel: string): string {
  const stripped = templateName.trim().replace(/^báo cáo\s+/iu, '');
  const name = stripped ? stripped.charAt(0).toUpperCase() + stripped.slice(1) : templateName.trim();
  const m = /^(.*?)([\s/])(\d{4})$/u.exec(periodLabel);
  if (m && name.toLowerCase().endsWith(m[1]!.toLowerCase())) return `${name}${m[2]}${m[3]}`;
  return `${name} ${periodLabel.charAt(0).toLowerCase()}${periodLabel.slice(1)}`;
}

/** dd/mm/yyyy of a calendar day, for "(Kèm theo Báo cáo số … ngày …)". */
const shortDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The report as a state-format document: the description both renderers take. */
export function reportStateDocument(r: ReportRow, settings: DocumentSettings, children: ChildLine[] = []): StateDocument {
  const issuer = issuerOf(settings);
  const content = contentOf(r.content);
  const values = valuesOf(r.values);
  const narratives = narrativesOf(r.narratives);
  const label = periodText(r);
  const reference = { number: r.number, code: reportCode(r.document_code, settings) };
  // Dated the day it was sent; a draft leaves the date to fill by hand.
  const date = r.submitted_at ? vietnamDateOf(r.submitted_at) : null;
  const appendices: StateAppendix[] = [];
  const body: StateBlock[] = [];
  let n = 0;
  for (const section of content.sections) {
    body.push({ kind: 'heading', text: `${roman(n++)}. ${section.title.toUpperCase()}` });
    if (section.indicators.length) body.push(indicatorTable(section.indicators, values));
  }
  if (children.length) {
    // "45/BC-UBND ngày 07/12/2026"; a draft's missing number and date as dots to fill by hand.
    const number = r.number ? referenceText(r.number, reference.code).slice('Số: '.length) : `…/${reference.code}`;
    const appendix = childrenAppendix(content.sections.flatMap((s) => s.indicators), children, values, `(Kèm theo Báo cáo số ${number} ngày ${date ? shortDate(date) : '…/…/…'})`);
    body.push({ kind: 'heading', text: `${roman(n++)}. SỐ LIỆU CỦA CÁC ĐƠN VỊ TRỰC THUỘC` });
    body.push({ kind: 'paragraph', text: childrenSummary(children) + (appendix ? ' Số liệu của từng đơn vị tại Phụ lục kèm theo.' : '') });
    if (appendix) appendices.push(appendix);
  }
  for (const nar of content.narratives) {
    body.push({ kind: 'heading', text: `${roman(n++)}. ${nar.title.toUpperCase()}` });
    const lines = (narratives[nar.key] ?? '')
      .split(/\r?\n/u)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) body.push({ kind: 'paragraph', text: '.'.repeat(90) });
    for (const line of lines) body.push({ kind: 'paragraph', text: line });
  }
  const recipient = r.recipient_name ?? r.recipient_text;
  return {
    parentBody: issuer.parentBody,
    issuingBody: issuer.issuingBody,
    reference,
    place: issuer.place,
    date,
    title: 'Báo cáo',
    summary: reportSummary(r.template_name, label),
    body,
    // The report's own signer (typed on the report) before the unit's usual one.
    signatures: [unitSignature(settings, r.signer)],
    recipients: [...(recipient ? [recipient] : []), 'Lưu: VT'],
    appendices,
  };
}

export interface ReportFile {
  fileName: string;
  body: Buffer;
}

/** "Báo cáo năm 2026 Phường Nha Trang": the words of the report's file names. */
function fileWords(r: ReportRow): string {
  const period = periodText(r);
  return `${period.charAt(0).toLowerCase()}${period.slice(1)} ${r.unit_name}`;
}

async function reportDocument(ctx: AppContext, actor: Actor, id: number): Promise<{ r: ReportRow; doc: StateDocument }> {
  const r = await visibleReport(ctx, actor, id);
  const [{ settings }, children] = await Promise.all([unitDocumentSettings(ctx.db, r.unit_path), childLines(ctx.db, r)]);
  return { r, doc: reportStateDocument(r, settings, children) };
}

export async function reportDocx(ctx: AppContext, actor: Actor, id: number): Promise<ReportFile> {
  const { r, doc } = await reportDocument(ctx, actor, id);
  return { fileName: officialFileName(`Báo cáo ${fileWords(r)}`, 'docx'), body: await renderStateDocument(doc) };
}

export async function reportPdf(ctx: AppContext, actor: Actor, id: number): Promise<ReportFile> {
  const { r, doc } = await reportDocument(ctx, actor, id);
  return { fileName: officialFileName(`Báo cáo ${fileWords(r)}`, 'pdf'), body: await renderStatePdf(doc) };
}

// ── The children's figures as .xlsx ───────────────────────────────────

/**
 * The consolidated table (bảng tổng hợp) of the children's reports, as an .xlsx: the same reporting
 * units below as the report page and the .docx list, missing ones included, each with where its
 * report stands and when it was sent. Figures (the typed one, else the computed one; one column per
 * number or percent indicator) only for the children that sent, as consolidation counts them; then
 * the sum of those figures (numbers only) and the report's own consolidated figures (tổng hợp),
 * which add the unit's own part and average percentages by weight.
 */
export async function childrenXlsx(ctx: AppContext, actor: Actor, id: number): Promise<ReportFile> {
  const r = await visibleReport(ctx, actor, id);
  const children = await childLines(ctx.db, r);
  const own = valuesOf(r.values);
  const indicators = contentOf(r.content).sections.flatMap((s) => s.indicators.filter((i) => i.kind === 'number' || i.kind === 'percent'));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const ws = wb.addWorksheet('Tổng hợp');
  const width = 4 + indicators.length;
  ws.addRow([`BẢNG TỔNG HỢP SỐ LIỆU BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC`]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([`${r.template_name} – ${periodText(r)}`]);
  ws.addRow([`Đơn vị tổng hợp: ${r.unit_name}`]);
  ws.addRow([`Hạn nộp: ${formatCalendarDate(r.due_date)}`]);
  ws.addRow([]);
  const headerRow = ws.addRow(['STT', 'Đơn vị', 'Trạng thái', 'Ngày nộp', ...indicators.map((i) => (i.kind === 'percent' ? `${i.label} (%)` : i.label))]);
  headerRow.font = { bold: true };
  headerRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  const totals = indicators.map(() => 0);
  children.forEach((c, i) => {
    const sent = SENT.has(c.status);
    const figures = indicators.map((ind, k) => {
      const v = c.values[ind.key];
      const raw = sent ? (v?.typed ?? v?.computed ?? null) : null;
      const num = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : null;
      if (num !== null && ind.kind === 'number') totals[k]! += num;
      return num;
    });
    const row = ws.addRow([i + 1, c.unitName, childState(c), c.submittedAt ? excelDate(c.submittedAt) : null, ...figures]);
    row.getCell(4).numFmt = 'dd/mm/yyyy';
  });
  const sum = ws.addRow(['', 'Cộng các đơn vị đã gửi', '', '', ...indicators.map((ind, k) => (ind.kind === 'number' ? totals[k]! : null))]);
  sum.font = { bold: true };
  const total = ws.addRow(['', `Tổng hợp của ${r.unit_name}`, '', '', ...indicators.map((ind) => (typeof own[ind.key]?.consolidated === 'number' ? own[ind.key]!.consolidated : null))]);
  total.font = { bold: true };

  const thin = { style: 'thin' as const };
  for (let rowNo = headerRow.number; rowNo <= total.number; rowNo++) {
    for (let col = 1; col <= width; col++) ws.getCell(rowNo, col).border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 36;
  ws.getColumn(3).width = 22;
  ws.getColumn(4).width = 12;
  for (let k = 0; k < indicators.length; k++) ws.getColumn(5 + k).width = 18;
  ws.views = [{ state: 'frozen', ySplit: headerRow.number, xSplit: 2 }];

  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: officialFileName(`Tổng hợp báo cáo ${fileWords(r)}`, 'xlsx'), body };
}
