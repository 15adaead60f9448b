import { assessmentStageLabels, type AssessmentStage, type CriterionSubject } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { canCouncilReview, canReview, canViewAssessment, type AssessmentRef } from '../assessments/assessments.policy.js';
import { keptCriteria, leavesOf, normaliseBands, subtreePoints, totalsOf, type RuleCriterion, type StageValue } from '../assessments/assessments.rules.js';
import { documentsRepository as repo, type AssessmentDocRow, type CriterionScoreRow, type RegistrationDocRow } from './documents.repository.js';
import type { DocumentSettings } from '@thidua/contracts';
import { officialFileName } from './file-names.js';
import { citePlan, issuerOf, unitSignature } from './issuer.js';
import { formatNumber, renderStateDocument, type SignatureBlock, type StateBlock, type TableCellInput } from './state-format.js';
import { unitDocumentSettings } from './unit-documents.js';

// The registration form (bản đăng ký thi đua) and the self-assessment sheet (phiếu tự đánh giá),
// printed in the state format from what the database holds now: the issuer and the unit's signature
// block from the unit's document settings; a person's own form signed by the person, beside the
// head's confirmation (xác nhận của thủ trưởng đơn vị) with the head's title from the same settings.

/** A rendered document and the name the browser saves it under. */
export interface DocumentFile {
  fileName: string;
  body: Buffer;
}

const SIGN_NOTE = '(Ký, ghi rõ họ tên)';

/** The head's confirmation on a person's form: "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", the head's title and name. */
function headConfirmation(settings: DocumentSettings): SignatureBlock {
  const head = unitSignature(settings);
  return { authority: ['Xác nhận của thủ trưởng đơn vị'], title: head.title, name: head.name };
}

/** Commitments as list lines: one per line, without the markers people type. */
function commitmentLines(text: string | null): string[] {
  return (text ?? '')
    .split(/\r?\n|;\s*(?=\S)/u)
    .map((l) => l.replace(/^\s*(?:[-–•+*]|\d+[.)])\s*/u, '').trim())
    .filter((l) => l !== '');
}

const planCitation = (r: RegistrationDocRow | AssessmentDocRow) =>
  citePlan({ documentType: r.plan_document_type, number: r.plan_number, code: r.plan_code, issueDate: r.plan_issue_date, title: r.plan_title, unitName: r.plan_unit_name });

/** The lines that say who the subject is: a person with their post and unit, or a unit as a collective. */
function subjectFields(r: RegistrationDocRow | AssessmentDocRow): StateBlock[] {
  if (r.subject === 'individual') {
    return [
      { kind: 'field', label: 'Họ và tên', value: r.person_name },
      { kind: 'field', label: 'Chức vụ', value: r.person_position },
      { kind: 'field', label: 'Đơn vị công tác', value: r.unit_name },
    ];
  }
  return [{ kind: 'field', label: 'Tên tập thể', value: r.unit_name }];
}

// ── Bản đăng ký thi đua ────────────────────────────────────────────────

/** The registration form (bản đăng ký thi đua) as .docx: the person themself, or readers of the unit. */
export async function registrationDocument(ctx: AppContext, actor: Actor, id: number): Promise<DocumentFile> {
  const r = await repo.registration(ctx.db, id);
  const own = r !== undefined && r.person_id !== null && actor.personId === r.person_id;
  if (!r || !(own || can(actor, 'unit.read', r.unit_path))) throw new AppError('NOT_FOUND');

  const { settings, lineage } = await unitDocumentSettings(ctx.db, r.unit_path);
  const issuer = issuerOf(settings);
  const individual = r.subject === 'individual';
  // A person registers with their unit's council; a unit with the council of the level above.
  const council = individual ? r.unit_name : lineage.at(-2)?.name ?? r.plan_unit_name;
  const who = individual ? 'tôi' : r.unit_name;
  const commitments = commitmentLines(r.commitments);

  const body: StateBlock[] = [
    ...subjectFields(r),
    { kind: 'paragraph', text: `Căn cứ ${planCitation(r)};` },
    {
      kind: 'paragraph',
      text: [{ text: `${who.charAt(0).toUpperCase()}${who.slice(1)} đăng ký thi đua năm ${r.year} phấn đấu đạt danh hiệu: ` }, { text: r.title_name ?? '', bold: true }, { text: '.' }],
    },
    { kind: 'paragraph', text: [{ text: 'Những nội dung cam kết:', bold: true }], indent: true },
    ...(commitments.length
      ? commitments.map((text): StateBlock => ({ kind: 'bullet', text }))
      : // Nothing written yet: dotted lines to fill by hand.
        [1, 2, 3].map((): StateBlock => ({ kind: 'bullet', text: '.'.repeat(90) }))),
  ];
  if (r.status === 'withdrawn') body.push({ kind: 'paragraph', text: [{ text: '(Đăng ký này đã được rút.)', italic: true }] });

  const signatures: SignatureBlock[] = individual ? [headConfirmation(settings), { title: 'Người đăng ký', note: SIGN_NOTE, name: r.person_name }] : [unitSignature(settings)];

  const bytes = await renderStateDocument({
    ...issuer,
    // A unit's registration is a paper it sends up: it takes a number on issue ("Số:      /ĐKTĐ-UBND").
    reference: individual ? null : { number: null, code: `ĐKTĐ-${issuer.code}` },
    date: r.registered_at,
    title: `Bản đăng ký thi đua năm ${r.year}`,
    summary: `Phong trào “${r.movement_name}”`,
    addressedTo: [`Hội đồng Thi đua - Khen thưởng ${council}`],
    body,
    signatures,
    recipients: individual ? undefined : [`Hội đồng Thi đua - Khen thưởng ${council}`, 'Lưu: VT'],
  });
  const name = individual ? (r.person_name ?? '') : r.unit_name;
  return { fileName: officialFileName(`Đăng ký thi đua năm ${r.year} ${name}`, 'docx'), body: bytes };
}

// ── Phiếu tự đánh giá ──────────────────────────────────────────────────

type Column = Exclude<AssessmentStage, 'final'>;
const order: AssessmentStage[] = ['self', 'review', 'council', 'final'];

/**
 * The score columns the actor may read on paper: the subject's own always; the head's once the
 * assessment has moved past review (or to the head scoring it now); the council's once final (or to
 * the council reviewing it now). Scores still being entered are not printed for others.
 */
export function printedColumns(actor: Actor, ref: AssessmentRef): Set<Column> {
  const past = (s: AssessmentStage) => order.indexOf(ref.stage) > order.indexOf(s);
  const out = new Set<Column>(['self']);
  if (past('review') || canReview(actor, ref)) out.add('review');
  if (past('council') || canCouncilReview(actor, ref)) out.add('council');
  return out;
}

function ruleCriteria(rows: CriterionScoreRow[]): RuleCriterion[] {
  return rows.map((c) => ({ id: c.id, parentId: c.parent_id, code: c.code, text: c.text, maxPoints: c.max_points, isVeto: c.is_veto, droppedReason: c.dropped_reason }));
}

function stageValues(rows: CriterionScoreRow[], stage: Column): Map<number, StageValue> {
  return new Map(rows.map((r) => [r.id, { points: r[`${stage}_points`], met: r[`${stage}_met`] }]));
}

/** The criteria depth first, each child after its parent, siblings in plan order. */
function depthFirst(kept: RuleCriterion[]): { criterion: RuleCriterion; depth: number; descendants: RuleCriterion[] }[] {
  const ids = new Set(kept.map((c) => c.id));
  const children = new Map<number | null, RuleCriterion[]>();
  for (const c of kept) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: { criterion: RuleCriterion; depth: number; descendants: RuleCriterion[] }[] = [];
  const walk = (parent: number | null, depth: number): RuleCriterion[] => {
    const all: RuleCriterion[] = [];
    for (const c of children.get(parent) ?? []) {
      const entry = { criterion: c, depth, descendants: [] as RuleCriterion[] };
      out.push(entry);
      entry.descendants = walk(c.id, depth + 1);
      all.push(c, ...entry.descendants);
    }
    return all;
  };
  walk(null, 0);
  return out;
}

/** The criteria table: groups bold with the sums of their leaves, leaves with points or Đạt / Không đạt. */
function criteriaRows(rows: CriterionScoreRow[], columns: Set<Column>, a: AssessmentDocRow): TableCellInput[][] {
  const kept = keptCriteria(ruleCriteria(rows));
  const leaves = new Set(leavesOf(kept).map((c) => c.id));
  const values: Record<Column, Map<number, StageValue>> = { self: stageValues(rows, 'self'), review: stageValues(rows, 'review'), council: stageValues(rows, 'council') };
  const stages = ['self', 'review', 'council'] as const;

  const out: TableCellInput[][] = depthFirst(kept).map(({ criterion: c, depth, descendants }) => {
    const text = c.isVeto ? `${c.text} (tiêu chí điểm liệt)` : c.text;
    if (!leaves.has(c.id)) {
      // A group is the sum of its leaves; met / not met groups show nothing of their own.
      const max = totalsOf([c, ...descendants], new Map()).maxTotal;
      const sum = (s: Column): TableCellInput => (columns.has(s) && max !== null ? { value: subtreePoints(kept, values[s], c.id), bold: true } : null);
      return [{ value: c.code, bold: true }, { value: text, bold: true, indent: depth }, { value: max, bold: true }, ...stages.map(sum)];
    }
    const cell = (s: Column): TableCellInput => {
      if (!columns.has(s)) return null;
      const v = values[s].get(c.id);
      if (c.maxPoints !== null) return v?.points ?? null;
      if (v?.met === null || v?.met === undefined) return null;
      return { value: v.met ? 'Đạt' : 'Không đạt', align: 'center' };
    };
    return [c.code, { value: text, indent: depth }, c.maxPoints, ...stages.map(cell)];
  });

  const totals = totalsOf(kept, new Map());
  if (totals.maxTotal !== null) {
    const stored: Record<Column, number | null> = { self: a.self_total, review: a.review_total, council: a.council_total };
    const total = (s: Column): TableCellInput => (columns.has(s) ? { value: stored[s], bold: true } : null);
    out.push([{ value: 'Tổng cộng', colSpan: 2, bold: true, align: 'center' }, { value: totals.maxTotal, bold: true }, ...stages.map(total)]);
  }
  if (totals.criteriaCount !== null) {
    const met = (s: Column): TableCellInput => {
      if (!columns.has(s)) return null;
      const t = totalsOf(kept, values[s]);
      return { value: `${t.metCount ?? 0}/${t.criteriaCount}`, bold: true, align: 'center' };
    };
    out.push([{ value: 'Số tiêu chí đạt', colSpan: 2, bold: true, align: 'center' }, { value: totals.criteriaCount, bold: true }, ...stages.map(met)]);
  }
  return out;
}

/** The self-assessment sheet (phiếu tự đánh giá) as .docx, for whoever may view the assessment. */
export async function assessmentSheet(ctx: AppContext, actor: Actor, id: number): Promise<DocumentFile> {
  const a = await repo.assessment(ctx.db, id);
  const ref: AssessmentRef | null = a
    ? { subject: a.subject as CriterionSubject, stage: a.stage as AssessmentStage, unitPath: a.unit_path, personId: a.person_id }
    : null;
  if (!a || !ref || !canViewAssessment(actor, ref)) throw new AppError('NOT_FOUND');

  const [{ settings }, rows] = await Promise.all([unitDocumentSettings(ctx.db, a.unit_path), repo.criteriaWithScores(ctx.db, a.id, a.plan_id, a.subject)]);
  const columns = printedColumns(actor, ref);
  const individual = a.subject === 'individual';
  const bands = normaliseBands(a.classification_bands);
  const band = a.classification ? bands.find((b) => b.key === a.classification) : undefined;
  // The score that counts: the latest stage the actor may read that gave one.
  const stored: Record<Column, number | null> = { self: a.self_total, review: a.review_total, council: a.council_total };
  const scoreColumn = (['council', 'review', 'self'] as const).find((s) => columns.has(s) && stored[s] !== null);
  const score = scoreColumn ? stored[scoreColumn] : null;

  const body: StateBlock[] = [
    ...subjectFields(a),
    ...(a.title_name ? [{ kind: 'field', label: 'Danh hiệu đăng ký', value: a.title_name } as const] : []),
    { kind: 'paragraph', text: `Căn cứ ${planCitation(a)};` },
    { kind: 'heading', text: 'I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM' },
    {
      kind: 'table',
      widths: [1.1, 5, 1.3, 1.3, 1.4, 1.4],
      header: [['Mã', 'Nội dung tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Thủ trưởng chấm', 'Hội đồng chấm']],
      rows: criteriaRows(rows, columns, a),
      fontSize: 12,
    },
    { kind: 'heading', text: 'II. KẾT QUẢ XẾP LOẠI' },
    { kind: 'field', label: 'Trạng thái', value: assessmentStageLabels[a.stage as AssessmentStage].vi },
    ...(score !== null && score !== undefined ? [{ kind: 'field', label: 'Điểm xét', value: formatNumber(score) } as const] : []),
    {
      kind: 'paragraph',
      indent: true,
      text: band && a.stage === 'final' ? [{ text: 'Xếp loại: ' }, { text: band.vi, bold: true }] : [{ text: 'Xếp loại: ' }, { text: 'chưa xếp loại (đánh giá chưa hoàn tất)', italic: true }],
    },
    ...(a.cap_reason && a.stage === 'final' ? [{ kind: 'field', label: 'Lý do hạ xếp loại', value: a.cap_reason } as const] : []),
  ];

  const signatures: SignatureBlock[] = individual
    ? [headConfirmation(settings), { title: 'Người tự đánh giá', note: SIGN_NOTE, name: a.person_name }]
    : [{ title: 'Người lập phiếu', note: SIGN_NOTE }, unitSignature(settings)];

  const bytes = await renderStateDocument({
    ...issuerOf(settings),
    reference: null,
    date: a.submitted_at,
    title: individual ? 'Phiếu tự đánh giá, chấm điểm thi đua' : 'Phiếu tự đánh giá, chấm điểm thi đua của tập thể',
    summary: `Năm ${a.year} - Phong trào “${a.movement_name}”`,
    body,
    signatures,
  });
  const name = individual ? (a.person_name ?? '') : a.unit_name;
  return { fileName: officialFileName(`Phiếu tự đánh giá năm ${a.year} ${name}`, 'docx'), body: bytes };
}
