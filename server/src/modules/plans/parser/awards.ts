import type { Note } from './outline.js';
import type { TextUnit } from './text-units.js';

// Award forms (hình thức khen thưởng) and emulation titles (danh hiệu thi đua) named in a plan,
// in one spelling each, so that the draft can be matched to the system's list.

interface Giver {
  re: RegExp;
  /** The canonical award form this giver gives as "Bằng khen". */
  name: (m: RegExpExecArray) => string;
}

// Who gives a Bằng khen, nearest mention first. "Chủ tịch UBND tỉnh Khánh Hòa", "UBND tỉnh",
// "Thủ tướng Chính phủ", "Bộ trưởng Bộ Nội vụ", "Tổng Liên đoàn Lao động Việt Nam"…
const GIVERS: Giver[] = [
  { re: /Thủ\s*tướng(?:\s*Chính\s*phủ)?/giu, name: () => 'Bằng khen của Thủ tướng Chính phủ' },
  {
    re: /(?:Chủ\s*tịch\s+)?(?:UBND|Ủy\s*ban\s*nhân\s*dân|Uỷ\s*ban\s*nhân\s*dân)\s+(?:tỉnh|thành\s*phố\s+(?:Hà\s*Nội|Hồ\s*Chí\s*Minh|Hải\s*Phòng|Đà\s*Nẵng|Cần\s*Thơ|Huế))|Chủ\s*tịch\s+tỉnh|cấp\s+tỉnh/giu,
    name: () => 'Bằng khen của Chủ tịch UBND tỉnh',
  },
  { re: /Bộ\s*trưởng(?:\s+Bộ\s+[\p{Lu}][\p{L}]*(?:\s+[\p{Lu}][\p{L}]*|\s+và\s+[\p{Lu}][\p{L}]*)*)?|cấp\s+bộ/giu, name: (m) => `Bằng khen của ${/cấp/iu.test(m[0]) ? 'Bộ trưởng' : m[0].replace(/\s+/g, ' ')}` },
  { re: /(?:Ban\s*Chấp\s*hành\s+)?Tổng\s*Liên\s*đoàn\s*Lao\s*động\s*Việt\s*Nam/giu, name: () => 'Bằng khen của Tổng Liên đoàn Lao động Việt Nam' },
  { re: /(?:Ban\s*Chấp\s*hành\s+)?(?:Liên\s*đoàn\s*Lao\s*động|LĐLĐ)\s+tỉnh/giu, name: () => 'Bằng khen của Liên đoàn Lao động tỉnh' },
];

const BANG_KHEN = /Bằng\s*khen/giu;
// The departments (Sở) a Giấy khen of its director names in full: "Giám đốc Sở Giáo dục và Đào tạo".
const SO = String.raw`(?:Giáo\s*dục\s*và\s*Đào\s*tạo|Nội\s*vụ|Tư\s*pháp|Tài\s*chính|Y\s*tế|Văn\s*hóa,?\s*Thể\s*thao\s*và\s*Du\s*lịch|Lao\s*động\s*[-–]\s*Thương\s*binh\s*và\s*Xã\s*hội|Kế\s*hoạch\s*và\s*Đầu\s*tư|Công\s*Thương|Xây\s*dựng|Giao\s*thông\s*vận\s*tải|Tài\s*nguyên\s*và\s*Môi\s*trường|Nông\s*nghiệp\s*và\s*(?:Phát\s*triển\s*nông\s*thôn|Môi\s*trường)|Khoa\s*học\s*và\s*Công\s*nghệ|Thông\s*tin\s*và\s*Truyền\s*thông|Ngoại\s*vụ|Dân\s*tộc\s*và\s*Tôn\s*giáo)`;
const GIAY_KHEN = new RegExp(
  String.raw`Giấy\s*khen(?:\s+của\s+((?:Chủ\s*tịch\s+)?(?:UBND|Ủy\s*ban\s*nhân\s*dân)\s+(?:huyện|quận|thị\s*xã|thành\s*phố|xã|phường|thị\s*trấn)|Giám\s*đốc\s+Sở(?:\s+${SO}(?![\p{L}]))?|Hiệu\s*trưởng|Thủ\s*trưởng\s+[^\s,.;]+|Ban\s*Chấp\s*hành\s+[^,.;]{3,40}))?`,
  'giu',
);
const HUAN_CHUONG = /Huân\s*chương\s+((?:Lao\s*động|Độc\s*lập|Bảo\s*vệ\s*Tổ\s*quốc|Chiến\s*công|Quân\s*công|Dũng\s*cảm|Đại\s*đoàn\s*kết\s*dân\s*tộc|Hữu\s*nghị))(?:\s+hạng\s+(Nhất|Nhì|Ba|I{1,3}|[123]))?/giu;
const HUAN_CHUONG_TOP = /Huân\s*chương\s+(Sao\s*vàng|Hồ\s*Chí\s*Minh)/giu;
const KY_NIEM_CHUONG = /Kỷ\s*niệm\s*chương(?:\s+(Vì\s+[^,.;()]{3,60}?))?(?=[,.;()]|\s+(?:của|cho|và)\s|$)/giu;

const RANKS: Record<string, string> = { nhất: 'Nhất', i: 'Nhất', '1': 'Nhất', nhì: 'Nhì', ii: 'Nhì', '2': 'Nhì', ba: 'Ba', iii: 'Ba', '3': 'Ba' };

// Titles: the longer names first, so "Tập thể lao động tiên tiến" is not also read as "Lao động tiên tiến".
const TITLES: [RegExp, string][] = [
  [/Tập\s*thể\s*lao\s*động\s*xuất\s*sắc/giu, 'Tập thể lao động xuất sắc'],
  [/Tập\s*thể\s*lao\s*động\s*tiên\s*tiến/giu, 'Tập thể lao động tiên tiến'],
  [/Chiến\s*sĩ\s*thi\s*đua\s*toàn\s*quốc/giu, 'Chiến sĩ thi đua toàn quốc'],
  [/Chiến\s*sĩ\s*thi\s*đua\s*(?:cấp\s*)?(?:bộ,\s*ngành,\s*tỉnh|cấp\s*tỉnh|tỉnh)/giu, 'Chiến sĩ thi đua cấp tỉnh'],
  [/Chiến\s*sĩ\s*thi\s*đua\s*cơ\s*sở/giu, 'Chiến sĩ thi đua cơ sở'],
  [/Cờ\s*thi\s*đua\s*của\s*Chính\s*phủ/giu, 'Cờ thi đua của Chính phủ'],
  [/Cờ\s*thi\s*đua\s*(?:của\s*(?:Chủ\s*tịch\s*)?(?:UBND|Ủy\s*ban\s*nhân\s*dân)\s*tỉnh|cấp\s*tỉnh)/giu, 'Cờ thi đua của UBND tỉnh'],
  [/Lao\s*động\s*tiên\s*tiến/giu, 'Lao động tiên tiến'],
  [/Chiến\s*sĩ\s*tiên\s*tiến/giu, 'Chiến sĩ tiên tiến'],
  [/Đơn\s*vị\s*quyết\s*thắng/giu, 'Đơn vị quyết thắng'],
];

interface Hit {
  at: number;
  name: string;
}

function bangKhenGiver(clause: string, at: number, length: number): string | null {
  // "Bằng khen của X" names the giver after it; otherwise the nearest giver before it in the clause.
  const after = clause.slice(at + length, at + length + 80);
  const direct = /^\s*(?:của|do)\s+/iu.exec(after);
  if (direct) {
    for (const g of GIVERS) {
      g.re.lastIndex = 0;
      const m = g.re.exec(after.slice(direct[0].length));
      if (m && m.index === 0) return g.name(m);
    }
  }
  let best: { at: number; name: string } | null = null;
  // The giver is named close before ("đề nghị Thủ tướng Chính phủ xem xét tặng Bằng khen").
  const before = clause.slice(Math.max(0, at - 300), at);
  for (const g of GIVERS) {
    g.re.lastIndex = 0;
    for (let m = g.re.exec(before); m; m = g.re.exec(before)) {
      if (!best || m.index > best.at) best = { at: m.index, name: g.name(m) };
    }
  }
  // "Bằng khen cấp tỉnh", "Bằng khen của Chủ tịch UBND tỉnh" written after without "của".
  if (!best) {
    for (const g of GIVERS) {
      g.re.lastIndex = 0;
      const m = g.re.exec(after);
      if (m && m.index <= 3) return g.name(m);
    }
  }
  return best?.name ?? null;
}

export function extractAwards(units: TextUnit[]): { awardForms: string[]; titles: string[]; notes: Note[] } {
  const forms: Hit[] = [];
  const titles: Hit[] = [];
  const notes: Note[] = [];
  let offset = 0;
  for (const u of units) {
    const text = u.text;
    for (const clause of text.split(/(?<=[;.])\s+/u)) {
      const base = offset + text.indexOf(clause);
      BANG_KHEN.lastIndex = 0;
      for (let m = BANG_KHEN.exec(clause); m; m = BANG_KHEN.exec(clause)) {
        const name = bangKhenGiver(clause, m.index, m[0].length);
        if (!name) notes.push({ line: u.line, message: '"Bằng khen" không rõ cấp nào tặng: chọn khi rà soát' });
        forms.push({ at: base + m.index, name: name ?? 'Bằng khen' });
      }
      GIAY_KHEN.lastIndex = 0;
      for (let m = GIAY_KHEN.exec(clause); m; m = GIAY_KHEN.exec(clause)) {
        const giver = m[1]?.replace(/\s+/g, ' ').replace(/^(?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân)/u, 'Chủ tịch UBND');
        forms.push({ at: base + m.index, name: giver ? `Giấy khen của ${giver}` : 'Giấy khen' });
      }
      HUAN_CHUONG.lastIndex = 0;
      for (let m = HUAN_CHUONG.exec(clause); m; m = HUAN_CHUONG.exec(clause)) {
        const kind = m[1]!.replace(/\s+/g, ' ');
        const rank = m[2] ? RANKS[m[2].toLowerCase()] : undefined;
        if (!rank) notes.push({ line: u.line, message: `"Huân chương ${kind}" không ghi hạng` });
        forms.push({ at: base + m.index, name: `Huân chương ${kind[0]!.toUpperCase()}${kind.slice(1)}${rank ? ` hạng ${rank}` : ''}` });
      }
      HUAN_CHUONG_TOP.lastIndex = 0;
      for (let m = HUAN_CHUONG_TOP.exec(clause); m; m = HUAN_CHUONG_TOP.exec(clause)) {
        forms.push({ at: base + m.index, name: /sao/iu.test(m[1]!) ? 'Huân chương Sao vàng' : 'Huân chương Hồ Chí Minh' });
      }
      KY_NIEM_CHUONG.lastIndex = 0;
      for (let m = KY_NIEM_CHUONG.exec(clause); m; m = KY_NIEM_CHUONG.exec(clause)) {
        forms.push({ at: base + m.index, name: m[1] ? `Kỷ niệm chương ${m[1].trim()}` : 'Kỷ niệm chương' });
      }
      let masked = clause;
      for (const [re, name] of TITLES) {
        re.lastIndex = 0;
        masked = masked.replace(re, (s: string, at: number) => {
          titles.push({ at: base + at, name });
          return ' '.repeat(s.length);
        });
      }
    }
    offset += text.length + 1;
  }
  const unique = (hits: Hit[]) => [...new Set(hits.sort((a, b) => a.at - b.at).map((h) => h.name))];
  return { awardForms: unique(forms), titles: unique(titles), notes };
}
