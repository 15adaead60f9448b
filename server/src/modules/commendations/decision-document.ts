import { awards } from '@thidua/contracts';
import { awardOf } from '../awards/awards.catalogue.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { DocumentFile } from '../documents/documents.service.js';
import { officialFileName } from '../documents/file-names.js';
import { capitals, ddmmyyyy, issuerOf, unitSignature } from '../documents/issuer.js';
import { renderStatePdf } from '../documents/pdf.js';
import { formatNumber, renderStateDocument, type StateBlock, type StateDocument, type TableCellInput } from '../documents/state-format.js';
import { unitDocumentSettings } from '../documents/unit-documents.js';
import { commendationsRepository as repo, type DecisionRow, type NominationRow, type RoundRow } from './commendations.repository.js';
import { ordered, readableRound, ruleBasisOn } from './round-view.js';

// The decision (quyết định công nhận danh hiệu thi đua, khen thưởng) in the state format of Nghị định
// 30/2020 (Phụ lục I, quyết định cá biệt): the issuer, "Số: 12/QĐ-THCS", the place and date; the
// title and its summary; the authority that issues it; the grounds (căn cứ); "QUYẾT ĐỊNH:" and its
// articles — whom it recognises, the bonus and who carries it out; the signature and the recipients;
// then the list of those recognised as its appendix, with each one's bonus.

/** "Nghị định số 152/2025/NĐ-CP": the decree under the law that the round's rules follow. */
const decreeOn = (date: string) => (ruleBasisOn(date).split('; ').at(-1) ?? '').replace(/^Nghị định /u, 'Nghị định số ');

const money = (n: number) => `${formatNumber(n)} đồng`;

/** The head's own title, without KT./TM. and the deputy's line: "HIỆU TRƯỞNG". */
export const headTitleOf = (signerTitle: string) => (signerTitle.split('\n')[0] ?? signerTitle).replace(/^(KT|TM|Q|TL|TUQ)\.\s*/u, '').trim();
/** "HIỆU TRƯỞNG TRƯỜNG THCS NGUYỄN DU": the authority that issues the decision. */
export const authorityLine = (signerTitle: string, issuingBody: string) => capitals(`${headTitleOf(signerTitle)} ${issuingBody}`);
/** "Hiệu trưởng Trường THCS Nguyễn Du", as the appendix's note names the issuer. */
function authorityWords(signerTitle: string, unitName: string): string {
  const t = headTitleOf(signerTitle).toLocaleLowerCase('vi-VN');
  return `${t.charAt(0).toLocaleUpperCase('vi-VN')}${t.slice(1)} ${unitName}`;
}

export function decisionDocument(r: RoundRow, d: DecisionRow, approved: NominationRow[], bonus: Map<number, number>, issuer: ReturnType<typeof issuerOf>, signature: ReturnType<typeof unitSignature>): StateDocument {
  const reference = `${d.number}/${d.code}`;
  const byAward = new Map<string, NominationRow[]>();
  for (const n of approved) byAward.set(n.award_code!, [...(byAward.get(n.award_code!) ?? []), n]);
  const order = awards.map((a) => a.code).filter((c) => byAward.has(c)).reverse();
  const total = approved.reduce((sum, n) => sum + (bonus.get(n.id) ?? 0), 0);
  const chuyenDe = r.kind === 'chuyen_de';
  const what = chuyenDe ? `khen thưởng ${r.name.charAt(0).toLowerCase()}${r.name.slice(1)}` : `công nhận danh hiệu thi đua năm ${r.year}`;

  const body: StateBlock[] = [
    { kind: 'paragraph', align: 'center', indent: false, text: [{ text: authorityLine(d.signer_title, issuer.issuingBody), bold: true }] },
    { kind: 'spacer' },
    { kind: 'paragraph', text: [{ text: 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;', italic: true }] },
    { kind: 'paragraph', text: [{ text: `Căn cứ ${decreeOn(r.proposed_on)} của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;`, italic: true }] },
    ...(r.vote_closed_at
      ? [{ kind: 'paragraph', text: [{ text: `Căn cứ kết quả bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng ${r.unit_name} ngày ${ddmmyyyy(r.vote_closed_at.toISOString().slice(0, 10))};`, italic: true }] } as const]
      : []),
    { kind: 'paragraph', text: [{ text: `Xét đề nghị của Hội đồng Thi đua - Khen thưởng ${r.unit_name}.`, italic: true }] },
    { kind: 'spacer' },
    { kind: 'paragraph', align: 'center', indent: false, text: [{ text: 'QUYẾT ĐỊNH:', bold: true }] },
    {
      kind: 'paragraph',
      text: [
        { text: 'Điều 1. ', bold: true },
        { text: `${chuyenDe ? 'Tặng' : 'Công nhận'} ${order.map((c) => `danh hiệu “${awardOf(c).name}” cho ${byAward.get(c)!.length} cá nhân`).join('; ')} ${chuyenDe ? `trong ${r.name.charAt(0).toLowerCase()}${r.name.slice(1)}` : `năm ${r.year}`} (có danh sách kèm theo).` },
      ],
    },
    {
      kind: 'paragraph',
      text: [
        { text: 'Điều 2. ', bold: true },
        {
          text: `Mỗi cá nhân có tên tại Điều 1 được thưởng theo quy định tại ${decreeOn(r.proposed_on)}, mức lương cơ sở áp dụng ngày ${ddmmyyyy(d.signed_on)}. Tổng số tiền thưởng: ${money(total)}, chi từ Quỹ thi đua, khen thưởng của ${r.unit_name}.`,
        },
      ],
    },
    {
      kind: 'paragraph',
      text: [
        { text: 'Điều 3. ', bold: true },
        { text: `Hội đồng Thi đua - Khen thưởng, bộ phận kế toán và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.` },
      ],
    },
  ];

  const rows: TableCellInput[][] = order.flatMap((c) => [
    [{ value: `Danh hiệu “${awardOf(c).name}”`, colSpan: 5, bold: true, align: 'left' }] as TableCellInput[],
    ...byAward.get(c)!.map((n, i): TableCellInput[] => [{ value: String(i + 1), align: 'center' }, n.name, n.position ?? '', n.unit_name, bonus.get(n.id) ?? null]),
  ]);
  rows.push([{ value: 'Tổng cộng', colSpan: 4, bold: true, align: 'center' }, { value: total, bold: true }]);

  return {
    parentBody: issuer.parentBody,
    issuingBody: issuer.issuingBody,
    reference: { number: String(d.number), code: d.code },
    place: issuer.place,
    date: d.signed_on,
    title: 'Quyết định',
    summary: `Về việc ${what}`,
    body,
    signatures: [signature],
    recipients: ['Như Điều 3', 'Lưu: VT, TĐKT'],
    appendices: [
      {
        label: 'Danh sách',
        title: chuyenDe ? `Cá nhân được khen thưởng` : `Cá nhân được công nhận danh hiệu thi đua năm ${r.year}`,
        note: `(Kèm theo Quyết định số ${reference} ngày ${ddmmyyyy(d.signed_on)} của ${authorityWords(d.signer_title, r.unit_name)})`,
        body: [{ kind: 'table', widths: [0.8, 4, 3, 4, 2.4], header: [['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Tiền thưởng (đồng)']], rows, fontSize: 13 }],
      },
    ],
  };
}

async function decisionOf(ctx: AppContext, actor: Actor, roundId: number): Promise<{ r: RoundRow; doc: StateDocument }> {
  const r = await readableRound(ctx.db, actor, roundId);
  const d = await repo.decisionOf(ctx.db, r.id);
  if (!d) throw new AppError('NOT_FOUND');
  const [{ settings }, nominations, grants] = await Promise.all([unitDocumentSettings(ctx.db, r.unit_path), repo.nominations(ctx.db, r.id), repo.grantsOf(ctx.db, d.id)]);
  const paid = new Map(grants.map((g) => [g.person_id, g.bonus_amount ?? 0]));
  const approved = ordered(nominations).filter((n) => n.status === 'proposed' && n.approved === true);
  const bonus = new Map(approved.map((n) => [n.id, paid.get(n.person_id) ?? 0]));
  const signature = { ...unitSignature(settings, d.signer_name), title: d.signer_title };
  return { r, doc: decisionDocument(r, d, approved, bonus, issuerOf(settings), signature) };
}

const fileWords = (r: RoundRow) => `Quyết định khen thưởng năm ${r.year} ${r.unit_name}`;

export async function decisionDocx(ctx: AppContext, actor: Actor, roundId: number): Promise<DocumentFile> {
  const { r, doc } = await decisionOf(ctx, actor, roundId);
  return { fileName: officialFileName(fileWords(r), 'docx'), body: await renderStateDocument(doc) };
}

export async function decisionPdf(ctx: AppContext, actor: Actor, roundId: number): Promise<DocumentFile> {
  const { r, doc } = await decisionOf(ctx, actor, roundId);
  return { fileName: officialFileName(fileWords(r), 'pdf'), body: await renderStatePdf(doc) };
}

