/**
 * Benchmark: import a 60-page plan (kế hoạch) — the parser behind "Nhập kế hoạch từ tệp".
 *
 *   npm run bench:plan-parse            (PAGES=120 npm run bench:plan-parse for a longer plan)
 *
 * Writes a synthetic plan of PAGES A4 pages (about 3,200 characters each, as Times New Roman 13
 * fills them): a heading, Roman sections with "1.", "a)", "-", "+" items, criteria with points,
 * deadlines, award forms, page numbers and running headers. Parses it as plain text and as a
 * .docx (Word numbering for the section levels, so numbering.xml is exercised), plus a scoring
 * workbook of the same criteria. Target: under 2 s for the 60-page plan. Prints the figures and
 * writes bench/results/plan-parse.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { parsePlanFile, parsePlanText, type ParsedPlan } from '../server/src/modules/plans/parser/index.js';

const PAGES = Number(process.env.PAGES ?? 60);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const TARGET_SECONDS = 2;
const CHARS_PER_PAGE = 3200;
const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);

/** A small deterministic generator, so that every run parses the same plan. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20190808);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;

const phrases = [
  'nâng cao ý thức, trách nhiệm của cán bộ, công chức, viên chức trong thực thi công vụ',
  'thực hiện nghiêm kỷ luật, kỷ cương hành chính, sử dụng hiệu quả thời giờ làm việc',
  'niêm yết công khai, đầy đủ các thủ tục hành chính tại bộ phận tiếp nhận và trả kết quả',
  'ứng dụng công nghệ thông tin, ký số và gửi nhận văn bản điện tử trên hệ thống',
  'xây dựng cơ quan, đơn vị văn minh, hiện đại, xanh, sạch, đẹp, an toàn',
  'giao tiếp với người dân theo phương châm "4 xin, 4 luôn", tận tình hướng dẫn',
  'không sử dụng đồ uống có cồn trong giờ làm việc và giờ nghỉ trưa',
  'trang phục gọn gàng, lịch sự, đeo thẻ công chức khi thi hành công vụ',
  'tích cực tham gia các phong trào thi đua yêu nước do cơ quan, đơn vị phát động',
  'phòng, chống tham nhũng, lãng phí, tiêu cực trong hoạt động công vụ',
];
const sentence = () => {
  const a = pick(phrases);
  const b = pick(phrases);
  return `${a[0]!.toUpperCase()}${a.slice(1)}; ${b}.`;
};

interface Item {
  level: 0 | 1 | 2 | 3 | 4;
  text: string;
}

/** The plan as items with their level: 0 Roman section, 1 "1.", 2 "a)", 3 "-", 4 "+". */
function planItems(): Item[] {
  const items: Item[] = [];
  let chars = 0;
  const push = (level: Item['level'], text: string) => {
    items.push({ level, text });
    chars += text.length + 8;
  };
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];
  let section = 0;
  while (chars < PAGES * CHARS_PER_PAGE && section < roman.length) {
    if (section === 1) {
      push(0, 'TIÊU CHUẨN THI ĐUA VÀ CÁCH CHẤM ĐIỂM');
      for (const subject of ['Đối với tập thể (100 điểm):', 'Đối với cá nhân (100 điểm):']) {
        push(1, subject);
        for (let g = 0; g < 5; g++) {
          push(2, `${pick(phrases)[0]!.toUpperCase()}${pick(phrases).slice(1)} (20 điểm):`);
          for (let k = 0; k < 4; k++) push(3, `${pick(phrases)} (5 điểm);`);
        }
      }
    } else {
      push(0, `NỘI DUNG THỰC HIỆN PHẦN ${section + 1}`);
      for (let i = 0; i < 6 && chars < PAGES * CHARS_PER_PAGE; i++) {
        push(1, `Nhiệm vụ ${i + 1}: ${sentence().replace(/\.$/, ', gồm:')}`);
        for (let j = 0; j < 4; j++) {
          push(2, sentence().replace(/\.$/, ', cụ thể:'));
          for (let k = 0; k < 3; k++) {
            push(3, `${pick(phrases)}:`);
            for (let l = 0; l < 2; l++) push(4, sentence());
          }
        }
        if (i === 2) push(1, `Các đơn vị gửi báo cáo 6 tháng về Sở Nội vụ trước ngày 31/5 và báo cáo năm trước ngày 30/11 hằng năm.`);
        if (i === 4) push(1, `Tổng kết tặng Giấy khen; đề nghị Chủ tịch UBND tỉnh tặng Bằng khen, Thủ tướng Chính phủ tặng Bằng khen.`);
      }
    }
    section++;
  }
  return items;
}

const items = planItems();
const romanOf = (n: number) => ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'][n]!;
const letters = 'abcdđeghiklmnopqrstuvxy';

function asText(): string {
  const out = ['UBND TỈNH KHÁNH HÒA\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ NỘI VỤ\t\tĐộc lập - Tự do - Hạnh phúc', 'Số: 512/KH-SNV\t\tKhánh Hòa, ngày 20 tháng 2 năm 2024', '', 'KẾ HOẠCH', 'Tổ chức phong trào thi đua thực hiện văn hóa công sở giai đoạn 2024-2030', ''];
  out.push('Căn cứ Luật Thi đua, khen thưởng năm 2022, Sở Nội vụ ban hành Kế hoạch như sau:');
  const counters = [0, 0, 0];
  let chars = 0;
  let page = 1;
  for (const it of items) {
    if (it.level === 0) ((counters[0] = counters[0]! + 1), (counters[1] = 0));
    if (it.level === 1) ((counters[1] = counters[1]! + 1), (counters[2] = 0));
    if (it.level === 2) counters[2] = counters[2]! + 1;
    const marker = [`${romanOf(counters[0]! - 1)}.`, `${counters[1]}.`, `${letters[(counters[2]! - 1) % letters.length]})`, '-', '+'][it.level]!;
    out.push(`${marker} ${it.text}`, '');
    chars += it.text.length;
    if (chars > page * CHARS_PER_PAGE) {
      page++;
      out.push(String(page), '', 'Kế hoạch số 512/KH-SNV', '');
    }
  }
  out.push('Nơi nhận:', '- Như trên;', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC');
  return out.join('\n');
}

async function asDocx(): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ children: [new TextRun('SỞ NỘI VỤ')] }),
    new Paragraph({ children: [new TextRun('Số: 512/KH-SNV')] }),
    new Paragraph({ children: [new TextRun('Khánh Hòa, ngày 20 tháng 2 năm 2024')] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'KẾ HOẠCH', bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('Tổ chức phong trào thi đua thực hiện văn hóa công sở giai đoạn 2024-2030')] }),
  ];
  for (const it of items) {
    if (it.level <= 2) children.push(new Paragraph({ numbering: { reference: 'outline', level: it.level }, children: [new TextRun(it.text)] }));
    else children.push(new Paragraph({ children: [new TextRun(`${it.level === 3 ? '-' : '+'} ${it.text}`)] }));
  }
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'outline',
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

async function asXlsx(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tập thể');
  ws.addRow(['BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2024']);
  ws.addRow(['STT', 'Nội dung tiêu chí', 'Điểm tối đa', 'Điểm tự chấm']);
  for (let i = 0; i < rows; i++) {
    const group = Math.floor(i / 10) + 1;
    if (i % 10 === 0) ws.addRow([String(group), `Nhóm tiêu chí ${group}`, 90]);
    else ws.addRow([`${group}.${i % 10}`, sentence(), 10]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function summarise(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return { n: s.length, p50: r(at(50)), p95: r(at(95)), max: r(s[s.length - 1]!), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

async function measure(label: string, run: () => ParsedPlan | Promise<ParsedPlan>) {
  const t0 = performance.now();
  const first = await run();
  const cold = (performance.now() - t0) / 1000;
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await run();
    samples.push((performance.now() - t) / 1000);
  }
  const s = summarise(samples);
  const count = (nodes: ParsedPlan['sections']): number => nodes.reduce((n, x) => n + 1 + count(x.children), 0);
  console.log(`${label.padEnd(34)} first ${cold.toFixed(3)} s, then p50 ${s.p50.toFixed(3)} s, p95 ${s.p95.toFixed(3)} s  (${count(first.sections)} items, ${count(first.criteria.collective) + count(first.criteria.individual)} criteria, ${first.warnings.length} warnings)`);
  return { firstSeconds: Math.round(cold * 1000) / 1000, seconds: s, items: count(first.sections), criteria: count(first.criteria.collective) + count(first.criteria.individual), deadlines: first.deadlines.length, warnings: first.warnings.length };
}

const text = asText();
const docx = await asDocx();
const xlsx = await asXlsx(1000);
console.log(`Synthetic plan: ${PAGES} pages ≈ ${text.length.toLocaleString('en')} characters, ${text.split('\n').length.toLocaleString('en')} lines; .docx ${(docx.length / 1024).toFixed(0)} KB; .xlsx of 1,000 criteria rows ${(xlsx.length / 1024).toFixed(0)} KB\n`);

const results = {
  text: await measure(`text (${PAGES} pages)`, () => parsePlanText(text)),
  docx: await measure(`.docx (${PAGES} pages, Word numbering)`, () => parsePlanFile(docx, 'plan.docx')),
  xlsx: await measure('.xlsx (1,000 criteria rows)', () => parsePlanFile(xlsx, 'plan.xlsx')),
};
const worst = Math.max(results.text.seconds.p95, results.docx.seconds.p95, results.text.firstSeconds, results.docx.firstSeconds);
console.log(`\nTarget: a ${PAGES}-page plan in under ${TARGET_SECONDS} s — worst of first run and p95, text or .docx: ${worst.toFixed(3)} s ${worst < TARGET_SECONDS ? '(met)' : '(MISSED)'}.`);

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'plan-parse.json');
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      name: 'plan-parse',
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? null,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
      },
      pages: PAGES,
      characters: text.length,
      rounds: ROUNDS,
      targetSeconds: TARGET_SECONDS,
      worstSeconds: worst,
      met: worst < TARGET_SECONDS,
      results,
    },
    null,
    2,
  ) + '\n',
);
console.log(`→ ${path.relative(process.cwd(), file)}`);
