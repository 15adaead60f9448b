// Max points (điểm tối đa) written in an item: "(10 điểm)", "(tối đa 10 điểm)", "tối đa 10 điểm",
// "…: 10 điểm" at the end, "(10đ)", and with the veto mark beside them: "(50 điểm - điểm liệt)".
// Points that are not a maximum (deductions "trừ 2 điểm", bonuses, thresholds "đạt từ 90 điểm")
// are left alone.

const NUM = String.raw`(\d{1,3}(?:[.,]\d{1,2})?)`;
const UNIT = String.raw`(?:điểm|đ)(?![\p{L}])`;

// "điểm liệt", "là tiêu chí liệt" written inside the same brackets as the points.
const VETO_MARK = String.raw`(?:là\s+)?(?:điểm|tiêu\s*chí)\s+liệt`;
const PAREN = new RegExp(
  String.raw`\(\s*(?:${VETO_MARK}\s*[-–—,;:]\s*)?(?:tối\s*đa(?:\s*là)?\s*[:=]?\s*|max\s*[:=]?\s*|điểm\s*tối\s*đa\s*[:=]?\s*)?${NUM}\s*${UNIT}(?:\s*[-–—,;:]\s*${VETO_MARK})?\s*\)`,
  'giu',
);
const MAX_PHRASE = new RegExp(String.raw`(?:điểm\s*)?tối\s*đa(?:\s*là)?\s*[:=]?\s*${NUM}\s*${UNIT}`, 'giu');
const MAX_LABEL = new RegExp(String.raw`điểm\s*tối\s*đa\s*[:=]\s*${NUM}`, 'giu');
const TRAILING = new RegExp(String.raw`[:\-–]\s*${NUM}\s*${UNIT}\s*[.;]?\s*$`, 'iu');
const NOT_MAX = /(?:trừ|cộng|thưởng|đạt|từ|dưới|trên|mỗi|bị|giảm)\s*$/iu;

export interface PointsResult {
  points?: number;
  /** The text without the points phrase, when it stood at the end. */
  text: string;
  /** Several different maxima in one item. */
  ambiguous?: number[];
  /** The points phrase taken out of the text also marked the item as a veto (điểm liệt). */
  veto?: boolean;
}

function toNumber(s: string): number {
  return Number(s.replace(',', '.'));
}

export function extractPoints(full: string): PointsResult {
  // In a long paragraph only its end can hold the item's points.
  const offset = full.length > 2000 ? full.length - 300 : 0;
  const text = full.slice(offset);
  const result = extractFrom(text);
  if (!offset) return result;
  return result.points === undefined ? { text: full } : { ...result, text: result.text === text ? full : full.slice(0, offset) + result.text };
}

function extractFrom(text: string): PointsResult {
  const found: { value: number; index: number; length: number; strong: boolean }[] = [];
  const overlaps = (index: number, length: number) => found.some((f) => index < f.index + f.length && f.index < index + length);
  const collect = (re: RegExp, strong: boolean) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      const max = /tối\s*đa/iu.test(m[0]);
      if (NOT_MAX.test(before) && !max) continue;
      if (overlaps(m.index, m[0].length)) continue;
      found.push({ value: toNumber(m[1]!), index: m.index, length: m[0].length, strong: strong || max });
    }
  };
  collect(PAREN, false);
  collect(MAX_PHRASE, true);
  collect(MAX_LABEL, true);
  found.sort((a, b) => a.index - b.index);
  const trailing = TRAILING.exec(text);
  if (trailing && !overlaps(trailing.index, trailing[0].length) && !NOT_MAX.test(text.slice(0, trailing.index))) {
    found.push({ value: toNumber(trailing[1]!), index: trailing.index, length: trailing[0].length, strong: false });
  }
  if (!found.length) return { text };
  const distinct = [...new Set(found.map((f) => f.value))];
  const pick = found.find((f) => f.strong) ?? found[0]!;
  // Drop the phrase from the text only when it closes the item: inside a sentence it is part of it.
  let out = text;
  const tail = text.slice(pick.index + pick.length).trim();
  if (!tail || /^[.;:,]$/.test(tail)) {
    out = text.slice(0, pick.index).replace(/[\s,:;\-–]+$/u, '').trim();
    if (/\(\s*$/.test(out)) out = out.replace(/\(\s*$/, '').trim();
  }
  const veto = /liệt/iu.test(text.slice(pick.index, pick.index + pick.length));
  return { points: pick.value, text: out || text, ambiguous: distinct.length > 1 ? distinct : undefined, ...(veto ? { veto } : {}) };
}

/** A points cell: "10", "10 điểm", "10,5", "10đ". */
export function pointsFromCell(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d{1,4}(?:[.,]\d{1,2})?)\s*(?:điểm|đ)?\s*$/iu.exec(value);
  return m ? toNumber(m[1]!) : undefined;
}
