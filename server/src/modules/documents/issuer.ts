import type { DocumentSettings } from '@thidua/contracts';
import type { UnitLine } from './documents.repository.js';
import type { SignatureBlock } from './state-format.js';

// Who issues a document, where, and who signs it (Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I):
// the unit's own document settings (thể thức văn bản) when it set them, else what the organisation
// tree suggests — a People's Committee writes "ỦY BAN NHÂN DÂN" over "PHƯỜNG NHA TRANG"; a
// department writes its province's committee over its own short name ("UBND TỈNH KHÁNH HÒA" over
// "SỞ NỘI VỤ"); the place (địa danh) is the locality the unit sits in; the code after the document
// type is the unit's short name or initials (BC-UBND, BC-SNV, BC-PNT), as reports were numbered before.

/** Units whose documents are issued by their People's Committee (Ủy ban nhân dân). */
const LOCAL_GOVERNMENTS = ['province', 'district', 'commune'];
const LOCALITY_KINDS = LOCAL_GOVERNMENTS;

const PEOPLES_COMMITTEE = /^(?:(?:ủy|uỷ) ban nhân dân|ubnd)\s+/iu;
// Longest first, so that "Ủy ban nhân dân thành phố" goes before "Thành phố".
const PLACE_PREFIXES = [PEOPLES_COMMITTEE, /^(thành phố|tp\.?|tỉnh|thị xã|tx\.?|quận|huyện|phường|xã|thị trấn|đặc khu)\s+/iu];

/** "UBND thành phố Nha Trang" → "Nha Trang"; "Tỉnh Khánh Hòa" → "Khánh Hòa". */
export function placeName(unitName: string): string {
  let name = unitName.trim();
  for (const prefix of PLACE_PREFIXES) name = name.replace(prefix, '');
  return name;
}

/** "UBND phường Bắc Nha Trang" → "phường Bắc Nha Trang": the locality a committee governs. */
const localityOf = (name: string) => name.trim().replace(PEOPLES_COMMITTEE, '');

/** A blank for the clerk to write the place by hand, when no locality lies above the unit. */
export const BLANK_PLACE = '..........';

/** Capitals as Nghị định 30 prints the issuer and the signature ("Sở Nội vụ" → "SỞ NỘI VỤ"). */
export const capitals = (s: string) => s.toLocaleUpperCase('vi-VN');

const plain = (s: string) =>
  s
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/**
 * The issuer's code after "BC-" when the unit set none: its short name, else its leading acronym
 * ("UBND phường Trần Phú" → UBND), else the initials of its words ("Sở Nội vụ" → SNV).
 */
export function issuerAbbreviation(name: string, shortName: string | null): string {
  if (shortName && /^[A-Z0-9Đ-]+$/u.test(shortName.trim())) return plain(shortName.trim());
  const words = name.trim().split(/\s+/u);
  const first = words[0] ?? '';
  if (first.length >= 2 && first === first.toUpperCase() && /[A-ZĐ]/u.test(first)) return plain(first);
  return plain(words.map((w) => w.charAt(0).toUpperCase()).join(''));
}

/** The head's title when the unit set none, from the first word of its name, else its kind. */
const HEAD_TITLES: readonly [RegExp, string][] = [
  [/^văn phòng(?=\s|$)/iu, 'CHÁNH VĂN PHÒNG'],
  [/^phòng(?=\s|$)/iu, 'TRƯỞNG PHÒNG'],
  [/^ban(?=\s|$)/iu, 'TRƯỞNG BAN'],
  [/^chi cục(?=\s|$)/iu, 'CHI CỤC TRƯỞNG'],
  [/^cục(?=\s|$)/iu, 'CỤC TRƯỞNG'],
  [/^bộ(?=\s|$)/iu, 'BỘ TRƯỞNG'],
  [/^(sở|trung tâm|bệnh viện|kho bạc|bảo hiểm)(?=\s|$)/iu, 'GIÁM ĐỐC'],
  [/^trường(?=\s|$)/iu, 'HIỆU TRƯỞNG'],
  [/^trạm(?=\s|$)/iu, 'TRƯỞNG TRẠM'],
];
const HEAD_TITLE_OF_KIND: Record<string, string> = { department: 'GIÁM ĐỐC', school: 'HIỆU TRƯỞNG', health: 'GIÁM ĐỐC' };

export function headTitle(unit: Pick<UnitLine, 'name' | 'kind'>): string {
  return HEAD_TITLES.find(([re]) => re.test(unit.name.trim()))?.[1] ?? HEAD_TITLE_OF_KIND[unit.kind] ?? 'THỦ TRƯỞNG ĐƠN VỊ';
}

/** "Sở Nội vụ tỉnh Khánh Hòa" under "Tỉnh Khánh Hòa" → "Sở Nội vụ": the governing line already names the province. */
function withoutParentLocality(name: string, parent: UnitLine | undefined): string {
  if (!parent || !LOCAL_GOVERNMENTS.includes(parent.kind)) return name;
  const locality = localityOf(parent.name).toLocaleLowerCase('vi-VN');
  const lower = name.toLocaleLowerCase('vi-VN');
  if (lower !== locality && lower.endsWith(` ${locality}`)) return name.slice(0, name.length - locality.length).trim();
  return name;
}

/** The document settings the organisation tree suggests for the last unit of `lineage` (root first). */
export function defaultDocumentSettings(lineage: readonly UnitLine[]): DocumentSettings {
  const unit = lineage.at(-1);
  if (!unit) throw new Error('defaultDocumentSettings needs the unit itself');
  const parent = lineage.at(-2);
  const locality = [...lineage].reverse().find((u) => LOCALITY_KINDS.includes(u.kind));
  const common = {
    codeSuffix: issuerAbbreviation(unit.name, unit.short_name ?? null),
    place: locality ? placeName(locality.name) : BLANK_PLACE,
    signerName: '',
  };
  if (LOCAL_GOVERNMENTS.includes(unit.kind)) {
    // The People's Committee issues and signs collectively: TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH.
    return { ...common, governingBody: 'ỦY BAN NHÂN DÂN', issuingBody: capitals(localityOf(unit.name)), signPrefix: 'TM.', signAuthority: 'ỦY BAN NHÂN DÂN', signerTitle: 'CHỦ TỊCH' };
  }
  // The national root is not a managing body that documents name.
  const governing = !parent || parent.kind === 'national' ? '' : LOCAL_GOVERNMENTS.includes(parent.kind) ? `UBND ${localityOf(parent.name)}` : parent.name;
  return {
    ...common,
    governingBody: capitals(governing),
    issuingBody: capitals(withoutParentLocality(unit.name, parent)),
    signPrefix: null,
    signAuthority: '',
    signerTitle: headTitle(unit),
  };
}

/** The header of a unit's documents. */
export interface Issuer {
  /** Cơ quan chủ quản, null for none. */
  parentBody: string | null;
  issuingBody: string;
  place: string;
  /** The issuer's code after the document type: "UBND" in "Số: 125/BC-UBND". */
  code: string;
}

/** The header of the documents of a unit with these settings. */
export function issuerOf(settings: DocumentSettings): Issuer {
  return { parentBody: settings.governingBody || null, issuingBody: settings.issuingBody, place: settings.place, code: settings.codeSuffix };
}

/**
 * The unit's signature block (thẩm quyền ký): "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ
 * TỊCH", room to sign and seal, the signer's name — `name` (a report's own signer) before the
 * settings' one; no name leaves the line to write by hand.
 */
export function unitSignature(settings: DocumentSettings, name?: string | null): SignatureBlock {
  return {
    authority: settings.signPrefix ? [`${settings.signPrefix} ${settings.signAuthority}`] : [],
    title: settings.signerTitle,
    name: name?.trim() || settings.signerName || null,
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
