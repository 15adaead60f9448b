import { awards, type AwardCode } from '@thidua/contracts';
import { awardOf } from '../awards/awards.catalogue.js';
import type { Actor } from '../../platform/actor.js';
import { vietnamDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { officialFileName } from '../documents/file-names.js';
import { ddmmyyyy, issuerOf } from '../documents/issuer.js';
import { renderStatePdf } from '../documents/pdf.js';
import { formatNumber, renderStateDocument, type StateBlock, type StateDocument, type TableCellInput } from '../documents/state-format.js';
import { unitDocumentSettings } from '../documents/unit-documents.js';
import { ballotRuleFor, votesNeeded } from './ballot-rules.js';
import { commendationsRepository as repo, type NominationRow, type RoundRow } from './commendations.repository.js';
import { ordered, readableRound } from './round-view.js';

// The minutes of the count (biên bản kiểm phiếu) of the council's secret ballot, produced when the
// vote closes: when it ran, the council's members and how many voted, the share each award needs
// with its article, and each nominee's votes and result. The dossier of an award beyond the unit
// carries it (Nghị định 98/2023, Điều 34: "biên bản họp và kết quả bỏ phiếu").

const clock = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });
/** "14 giờ 05 ngày 15/06/2026", in Vietnam time. */
const when = (d: Date) => `${clock.format(d).replace(':', ' giờ ')} ngày ${ddmmyyyy(vietnamDate(d))}`;
const share = (n: number, of: number) => (of === 0 ? '0' : formatNumber(Math.round((n * 10_000) / of) / 100));

export function minutesDocument(r: RoundRow, listed: NominationRow[], voted: number, issuer: ReturnType<typeof issuerOf>): StateDocument {
  const members = r.members_total ?? 0;
  const codes = [...new Set(listed.map((n) => n.award_code as AwardCode))];
  const rows: TableCellInput[][] = listed.map((n, i) => {
    const needed = votesNeeded(ballotRuleFor(n.award_code as AwardCode, r.proposed_on), members);
    return [
      { value: String(i + 1), align: 'center' },
      n.name,
      awardOf(n.award_code!).vi,
      { value: `${n.yes_votes} (${share(n.yes_votes, members)} %)`, align: 'center' },
      { value: String(n.no_votes), align: 'center' },
      { value: String(needed), align: 'center' },
      { value: n.approved ? 'Đạt' : 'Không đạt', align: 'center', bold: true },
    ];
  });
  const body: StateBlock[] = [
    {
      kind: 'paragraph',
      text: `Hội đồng Thi đua - Khen thưởng ${r.unit_name} tổ chức bỏ phiếu kín trên hệ thống quản lý thi đua, khen thưởng, từ ${r.vote_opened_at ? when(r.vote_opened_at) : '…'} đến ${r.vote_closed_at ? when(r.vote_closed_at) : '…'}, để xét đề nghị ${r.name.charAt(0).toLowerCase()}${r.name.slice(1)}.`,
    },
    { kind: 'heading', text: 'I. THÀNH PHẦN' },
    { kind: 'bullet', text: `Tổng số thành viên Hội đồng: ${members} người.` },
    { kind: 'bullet', text: `Số thành viên đã bỏ phiếu: ${voted} người (${share(voted, members)} %); thành viên vắng mặt bỏ phiếu trực tuyến như thành viên có mặt.` },
    { kind: 'bullet', text: `Số phiếu phát ra: ${members}; số phiếu thu về: ${voted}; số phiếu hợp lệ: ${voted}.` },
    { kind: 'heading', text: 'II. TỶ LỆ PHIẾU ĐỒNG Ý CẦN ĐẠT' },
    ...codes.map((c): StateBlock => {
      const rule = ballotRuleFor(c, r.proposed_on);
      return {
        kind: 'bullet',
        text: `${awardOf(c).vi}: ${rule.strict ? 'trên' : 'từ'} ${formatNumber(rule.percent)} % tổng số thành viên Hội đồng (${votesNeeded(rule, members)} phiếu) — ${rule.citation.text}.`,
      };
    }),
    { kind: 'heading', text: 'III. KẾT QUẢ KIỂM PHIẾU' },
    {
      kind: 'table',
      widths: [0.7, 3.2, 2.6, 1.6, 1.3, 1.1, 1.4],
      header: [['STT', 'Họ và tên', 'Danh hiệu, hình thức đề nghị', 'Đồng ý', 'Không đồng ý', 'Cần đạt', 'Kết quả']],
      rows,
      fontSize: 12,
    },
    { kind: 'paragraph', text: `Số người đạt số phiếu cần thiết: ${listed.filter((n) => n.approved).length}/${listed.length}. Phiếu bầu không ghi tên người bỏ phiếu; hệ thống chỉ lưu số phiếu của từng người được đề nghị.` },
  ];
  return {
    parentBody: issuer.issuingBody,
    issuingBody: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG',
    reference: null,
    place: issuer.place,
    date: r.vote_closed_at,
    title: 'Biên bản',
    summary: `Kiểm phiếu bầu ${r.name.charAt(0).toLowerCase()}${r.name.slice(1)}`,
    body,
    signatures: [
      { title: 'THƯ KÝ HỘI ĐỒNG', note: '(Ký, ghi rõ họ tên)' },
      { title: 'CHỦ TỊCH HỘI ĐỒNG', note: '(Ký, ghi rõ họ tên)' },
    ],
  };
}

async function minutesOf(ctx: AppContext, actor: Actor, roundId: number): Promise<{ r: RoundRow; doc: StateDocument }> {
  const r = await readableRound(ctx.db, actor, roundId);
  if (r.status !== 'voted' && r.status !== 'decided') throw new AppError('ROUND_WRONG_STATUS');
  const [{ settings }, nominations, voted] = await Promise.all([unitDocumentSettings(ctx.db, r.unit_path), repo.nominations(ctx.db, r.id), repo.votedCount(ctx.db, r.id)]);
  const listed = ordered(nominations).filter((n) => n.status === 'proposed');
  return { r, doc: minutesDocument(r, listed, voted, issuerOf(settings)) };
}

const fileWords = (r: RoundRow) => `Biên bản kiểm phiếu năm ${r.year} ${r.unit_name}`;

export async function minutesDocx(ctx: AppContext, actor: Actor, roundId: number) {
  const { r, doc } = await minutesOf(ctx, actor, roundId);
  return { fileName: officialFileName(fileWords(r), 'docx'), body: await renderStateDocument(doc) };
}

export async function minutesPdf(ctx: AppContext, actor: Actor, roundId: number) {
  const { r, doc } = await minutesOf(ctx, actor, roundId);
  return { fileName: officialFileName(fileWords(r), 'pdf'), body: await renderStatePdf(doc) };
}

