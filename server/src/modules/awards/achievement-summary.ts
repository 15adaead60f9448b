import { awards, disciplineFormLabels, genderLabels, initiativeLevelLabels, ratingLabels, type AwardCode, type Gender } from '@thidua/contracts';
import { awardOf } from './awards.catalogue.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { officialFileName } from '../documents/file-names.js';
import { ddmmyyyy, issuerOf, unitSignature } from '../documents/issuer.js';
import { renderStateDocument, type StateBlock, type StateDocument, type TableCellInput } from '../documents/state-format.js';
import { unitDocumentSettings } from '../documents/unit-documents.js';
import type { DocumentSettings, RecordYear } from '@thidua/contracts';
import type { RecordPerson } from './records.repository.js';
import { readRecord } from './records.service.js';

// The achievement summary (báo cáo thành tích) an official attaches to a dossier, printed from the
// record in the shape of the decree's individual form: I. who the person is; II. the achievements,
// year by year — the rating, the initiatives; III. the titles and awards already received, each with
// its decision; the discipline, if any. The tasks and the story of the achievements (the part only
// the person can write) are left with dotted lines to fill by hand.

const dotted = '.'.repeat(120);
const cap = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

export function achievementSummary(p: RecordPerson, years: RecordYear[], settings: DocumentSettings, award: AwardCode | null, today: string): StateDocument {
  const chronological = [...years].sort((a, b) => a.year - b.year);
  const held = chronological.flatMap((y) => y.granted.map((g) => ({ y, g })));
  const titles = held.filter(({ g }) => awardOf(g.awardCode).kind === 'title');
  const forms = held.filter(({ g }) => awardOf(g.awardCode).kind === 'form');
  const decided = (n: string | null, on: string | null) => [n ? `Quyết định số ${n}` : null, on ? `ngày ${ddmmyyyy(on)}` : null].filter(Boolean).join(' ') || '';
  const grantRows = (list: typeof held): TableCellInput[][] =>
    list.length
      ? list.map(({ y, g }) => [{ value: String(y.year), align: 'center' }, awardOf(g.awardCode).name, decided(g.decisionNumber, g.decidedOn)])
      : [[{ value: 'Không có', colSpan: 3, align: 'center', italic: true }]];
  const initiatives = chronological.flatMap((y) => y.initiatives.map((i) => ({ y, i })));

  const body: StateBlock[] = [
    { kind: 'heading', text: 'I. SƠ LƯỢC LÝ LỊCH' },
    { kind: 'field', label: 'Họ và tên', value: p.full_name },
    { kind: 'field', label: 'Giới tính', value: genderLabels[p.gender as Gender]?.vi ?? null },
    { kind: 'field', label: 'Ngày sinh', value: p.birth_date ? ddmmyyyy(p.birth_date) : null },
    { kind: 'field', label: 'Chức vụ', value: p.position },
    { kind: 'field', label: 'Đơn vị công tác', value: p.unit_name },
    { kind: 'heading', text: 'II. THÀNH TÍCH ĐẠT ĐƯỢC' },
    { kind: 'heading', level: 2, text: '1. Quyền hạn, nhiệm vụ được giao' },
    { kind: 'paragraph', text: dotted, indent: false },
    { kind: 'heading', level: 2, text: '2. Thành tích đạt được' },
    { kind: 'paragraph', text: dotted, indent: false },
    {
      kind: 'table',
      widths: [1, 4, 4],
      header: [['Năm', 'Kết quả đánh giá, xếp loại', 'Kỷ luật']],
      rows: chronological.length
        ? chronological.map((y): TableCellInput[] => [
            { value: String(y.year), align: 'center' },
            y.rating ? cap(ratingLabels[y.rating].vi) : '',
            y.discipline ? `${disciplineFormLabels[y.discipline.form].vi} (${ddmmyyyy(y.discipline.decidedOn)})` : 'Không',
          ])
        : [[{ value: 'Chưa có', colSpan: 3, align: 'center', italic: true }]],
      fontSize: 13,
    },
    { kind: 'heading', level: 2, text: '3. Sáng kiến, đề tài được công nhận' },
    {
      kind: 'table',
      widths: [1, 5, 2.2, 3],
      header: [['Năm', 'Tên sáng kiến', 'Cấp công nhận', 'Quyết định']],
      rows: initiatives.length
        ? initiatives.map(({ y, i }): TableCellInput[] => [{ value: String(y.year), align: 'center' }, i.title, cap(initiativeLevelLabels[i.level].vi), i.decisionNumber ? `Số ${i.decisionNumber}` : ''])
        : [[{ value: 'Không có', colSpan: 4, align: 'center', italic: true }]],
      fontSize: 13,
    },
    { kind: 'heading', text: 'III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG' },
    { kind: 'heading', level: 2, text: '1. Danh hiệu thi đua' },
    { kind: 'table', widths: [1, 4, 4], header: [['Năm', 'Danh hiệu thi đua', 'Số, ngày quyết định']], rows: grantRows(titles), fontSize: 13 },
    { kind: 'heading', level: 2, text: '2. Hình thức khen thưởng' },
    { kind: 'table', widths: [1, 4, 4], header: [['Năm', 'Hình thức khen thưởng', 'Số, ngày quyết định']], rows: grantRows(forms), fontSize: 13 },
  ];
  const head = unitSignature(settings);
  return {
    ...issuerOf(settings),
    reference: null,
    date: today,
    title: award ? `Báo cáo thành tích đề nghị ${awardOf(award).kind === 'title' ? 'công nhận danh hiệu' : 'tặng'} ${awardOf(award).name}` : 'Báo cáo thành tích',
    summary: null,
    body,
    signatures: [
      { authority: ['Xác nhận của thủ trưởng đơn vị'], title: head.title, name: head.name },
      { title: 'Người báo cáo thành tích', note: '(Ký, ghi rõ họ tên)', name: p.full_name },
    ],
  };
}

/** The achievement summary as .docx, for whoever may read the record. */
export async function achievementSummaryDocx(ctx: AppContext, actor: Actor, personId: number, award: AwardCode | undefined, today: string): Promise<{ fileName: string; body: Buffer }> {
  const { person, years } = await readRecord(ctx, actor, personId);
  const { settings } = await unitDocumentSettings(ctx.db, person.unit_path);
  const bytes = await renderStateDocument(achievementSummary(person, years, settings, award ?? null, today));
  return { fileName: officialFileName(`Báo cáo thành tích ${person.full_name}`, 'docx'), body: bytes };
}
