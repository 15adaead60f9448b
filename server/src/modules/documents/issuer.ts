import type { UnitLine } from './documents.repository.js';

// Who issues a document and where, from the organisation tree: the unit itself is the issuing
// body (cơ quan ban hành), its parent the managing body (cơ quan chủ quản), and the place
// (địa danh) is the locality the unit sits in — the nearest commune, district or province above it.

const LOCALITY_KINDS = ['commune', 'district', 'province'];

// Longest first, so that "Ủy ban nhân dân thành phố" goes before "Thành phố".
const PLACE_PREFIXES = [
  /^(ủy|uỷ) ban nhân dân\s+/iu,
  /^ubnd\s+/iu,
  /^(thành phố|tp\.?|tỉnh|thị xã|tx\.?|quận|huyện|phường|xã|thị trấn|đặc khu)\s+/iu,
];

/** "UBND thành phố Nha Trang" → "Nha Trang"; "Tỉnh Khánh Hòa" → "Khánh Hòa". */
export function placeName(unitName: string): string {
  let name = unitName.trim();
  for (const prefix of PLACE_PREFIXES) name = name.replace(prefix, '');
  return name;
}

/** A blank for the clerk to write the place by hand, when no locality lies above the unit. */
export const BLANK_PLACE = '..........';

export interface Issuer {
  parentBody: string | null;
  issuingBody: string;
  place: string;
}

/** The header of a document issued by the last unit of `lineage` (root first, the unit last). */
export function issuerOf(lineage: readonly UnitLine[]): Issuer {
  const unit = lineage.at(-1);
  if (!unit) throw new Error('issuerOf needs the unit itself');
  const parent = lineage.at(-2);
  const locality = [...lineage].reverse().find((u) => LOCALITY_KINDS.includes(u.kind));
  return {
    // The national root is not a managing body that documents name.
    parentBody: parent && parent.kind !== 'national' ? parent.name : null,
    issuingBody: unit.name,
    place: locality ? placeName(locality.name) : BLANK_PLACE,
  };
}

const planTypeNames: Record<string, string> = {
  KH: 'Kế hoạch',
  CT: 'Chỉ thị',
  HD: 'Hướng dẫn',
  QĐ: 'Quyết định',
  TB: 'Thông báo',
  BC: 'Báo cáo',
};

/** yyyy-mm-dd → dd/mm/yyyy. */
export const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * How a document cites a plan: "Kế hoạch số 6344/KH-UBND ngày 08/08/2019 của UBND thành phố Nha
 * Trang thực hiện phong trào …" — the plan's own title carries its type word, which is not repeated.
 */
export function citePlan(plan: { documentType: string; number: string | null; code: string | null; issueDate: string | null; title: string; unitName: string }): string {
  const typeName = planTypeNames[plan.documentType] ?? planTypeNames.KH!;
  const parts = [typeName];
  if (plan.number || plan.code) parts.push(`số ${[plan.number, plan.code].filter(Boolean).join('/')}`);
  if (plan.issueDate) parts.push(`ngày ${ddmmyyyy(plan.issueDate)}`);
  parts.push(`của ${plan.unitName}`);
  const title = plan.title.trim();
  const rest = title.toLowerCase().startsWith(typeName.toLowerCase()) ? title.slice(typeName.length).trim() : `về ${title}`;
  if (rest) parts.push(rest);
  return parts.join(' ');
}
