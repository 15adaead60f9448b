import PDFDocument from 'pdfkit';
import { awardOf } from '../awards/awards.catalogue.js';
import { awards } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { officialFileName } from '../documents/file-names.js';
import { capitals, ddmmyyyy } from '../documents/issuer.js';
import { FACES } from '../documents/pdf.js';
import { NATIONAL_MOTTO, NATIONAL_NAME } from '../documents/state-format.js';
import { unitDocumentSettings } from '../documents/unit-documents.js';
import { commendationsRepository as repo } from './commendations.repository.js';
import { authorityLine } from './decision-document.js';
import { ordered, readableRound } from './round-view.js';

// The certificates (giấy chứng nhận danh hiệu, giấy khen) of a decision, printed in one batch as a
// PDF: one landscape A4 page each, framed, with Quốc hiệu, the authority, what is recognised, the
// person and their unit, the decision's number and date, and the signature. The fonts are embedded
// (Liberation Serif, Times New Roman's metrics), so every printer prints the same page.

/** One certificate's content. */
export interface Certificate {
  /** "HIỆU TRƯỞNG TRƯỜNG THCS NGUYỄN DU". */
  authority: string;
  /** "GIẤY CHỨNG NHẬN" for a title, "GIẤY KHEN" for the form. */
  heading: string;
  /** "Công nhận danh hiệu" / "Tặng". */
  verb: string;
  name: string;
  position: string | null;
  unitName: string;
  /** "LAO ĐỘNG TIÊN TIẾN" and its year, or the achievement of a Giấy khen. */
  achievement: string;
  year: number;
  reference: string;
  signedOn: string;
  place: string;
  signerTitle: string;
  signerName: string;
}

const PAGE = { width: 841.89, height: 595.28 };
const mm = (n: number) => (n * 72) / 25.4;
const FRAME = mm(12);
const RED = '#b3261e';

function drawCertificate(doc: PDFKit.PDFDocument, c: Certificate): void {
  const { width, height } = PAGE;
  // A double frame, the outer one heavier.
  doc.lineWidth(3).strokeColor(RED).rect(FRAME, FRAME, width - 2 * FRAME, height - 2 * FRAME).stroke();
  doc.lineWidth(0.8).rect(FRAME + 6, FRAME + 6, width - 2 * FRAME - 12, height - 2 * FRAME - 12).stroke();
  doc.strokeColor('black').fillColor('black');

  const x = FRAME + 30;
  const w = width - 2 * x;
  const centred = { width: w, align: 'center' as const };
  doc.font('bold').fontSize(13).text(NATIONAL_NAME, x, FRAME + 30, centred);
  doc.font('bold').fontSize(14).text(NATIONAL_MOTTO, centred);
  const mottoWidth = doc.widthOfString(NATIONAL_MOTTO);
  const ruleY = doc.y + 2;
  doc.lineWidth(0.6).moveTo(width / 2 - mottoWidth / 2, ruleY).lineTo(width / 2 + mottoWidth / 2, ruleY).stroke();

  doc.moveDown(1.2).font('bold').fontSize(15).text(c.authority, centred);
  doc.moveDown(0.6).font('bold').fontSize(34).fillColor(RED).text(c.heading, centred).fillColor('black');
  doc.moveDown(0.4).font('italic').fontSize(16).text(c.verb, centred);
  doc.moveDown(0.3).font('bold').fontSize(24).text(c.name, centred);
  const where = [c.position, c.unitName].filter(Boolean).join(', ');
  doc.moveDown(0.2).font('regular').fontSize(15).text(where, centred);
  doc.moveDown(0.6).font('bold').fontSize(20).fillColor(RED).text(c.achievement, centred).fillColor('black');

  // The foot: the decision on the left, the date and signature on the right.
  const footY = height - FRAME - 150;
  const half = w / 2;
  doc.font('italic').fontSize(12).text(`Quyết định số ${c.reference}`, x + 10, footY + 96, { width: half - 20, align: 'left' });
  doc.text(`ngày ${ddmmyyyy(c.signedOn)}`, { width: half - 20, align: 'left' });
  const [y, m, d] = c.signedOn.split('-');
  doc.font('italic').fontSize(13).text(`${c.place}, ngày ${d} tháng ${m} năm ${y}`, x + half, footY, { width: half, align: 'center' });
  doc.font('bold').fontSize(13).text(c.signerTitle, { width: half, align: 'center' });
  doc.font('bold').fontSize(14).text(c.signerName, x + half, footY + 100, { width: half, align: 'center' });
}

/** Renders the certificates as one PDF, a page each. */
export async function renderCertificates(list: readonly Certificate[], title: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, autoFirstPage: false, font: FACES.regular, lang: 'vi-VN', info: { Title: title, Creator: 'thidua', Producer: 'thidua' } });
  for (const [name, file] of Object.entries(FACES)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const c of list) {
    doc.addPage();
    drawCertificate(doc, c);
  }
  doc.end();
  return done;
}

/** The certificates of a round's decision, for whoever reads the round. */
export async function roundCertificates(ctx: AppContext, actor: Actor, roundId: number): Promise<{ fileName: string; body: Buffer }> {
  const r = await readableRound(ctx.db, actor, roundId);
  const d = await repo.decisionOf(ctx.db, r.id);
  if (!d) throw new AppError('NOT_FOUND');
  const [{ settings }, nominations, grants] = await Promise.all([unitDocumentSettings(ctx.db, r.unit_path), repo.nominations(ctx.db, r.id), repo.grantsOf(ctx.db, d.id)]);
  const live = new Set(grants.filter((g) => g.revoked_at === null).map((g) => g.person_id));
  const list = ordered(nominations)
    .filter((n) => n.status === 'proposed' && n.approved === true && live.has(n.person_id))
    .map((n): Certificate => {
      const award = awardOf(n.award_code!);
      const form = award.kind === 'form';
      return {
        authority: authorityLine(d.signer_title, settings.issuingBody),
        heading: form ? capitals(award.vi) : 'GIẤY CHỨNG NHẬN',
        verb: form ? 'Tặng' : 'Công nhận danh hiệu',
        name: n.name,
        position: n.position,
        unitName: n.unit_name,
        achievement: form ? `Đã có thành tích trong ${r.name.charAt(0).toLowerCase()}${r.name.slice(1)}` : `${capitals(award.vi)} NĂM ${r.year}`,
        year: r.year,
        reference: `${d.number}/${d.code}`,
        signedOn: d.signed_on,
        place: settings.place,
        signerTitle: d.signer_title,
        signerName: d.signer_name,
      };
    });
  const body = await renderCertificates(list, `Giấy chứng nhận ${r.name}`);
  return { fileName: officialFileName(`Giấy chứng nhận năm ${r.year} ${r.unit_name}`, 'pdf'), body };
}
