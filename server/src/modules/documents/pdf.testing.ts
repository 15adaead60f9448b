import type { StateDocument } from './state-format.js';

// For tests of printed documents: the text of a PDF page by page as a reader sees it (pure
// JavaScript, so it runs on any machine), and a periodic report (báo cáo, BC) shaped like the ones
// the units send upward (seed 004), with an indicator table long enough to run onto a second page.

export interface PdfTextItem {
  /** 1-based page number. */
  page: number;
  text: string;
  /** Left edge and baseline in points from the page's bottom-left corner, and the width. */
  x: number;
  y: number;
  width: number;
}

/** Every piece of text the PDF draws, with where it stands. */
export async function pdfTextItems(bytes: Buffer): Promise<{ pages: number; items: PdfTextItem[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const items: PdfTextItem[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        items.push({ page: n, text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width });
      }
    }
    return { pages: pdf.numPages, items };
  } finally {
    await pdf.destroy();
  }
}

/** The lines of each page of a PDF, top to bottom, spaces collapsed. */
export async function pdfPageLines(bytes: Buffer): Promise<string[][]> {
  const { pages, items } = await pdfTextItems(bytes);
  const out: string[][] = [];
  for (let n = 1; n <= pages; n++) {
    // Items on one baseline (within 2 pt) form a line; items in a line go left to right.
    const rows = new Map<number, PdfTextItem[]>();
    for (const item of items.filter((i) => i.page === n)) {
      const key = [...rows.keys()].find((k) => Math.abs(k - item.y) <= 2) ?? item.y;
      rows.set(key, [...(rows.get(key) ?? []), item]);
    }
    out.push(
      [...rows.entries()]
        .sort(([a], [b]) => b - a)
        .map(([, row]) =>
          row
            .sort((a, b) => a.x - b.x)
            .map((i) => i.text)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
    );
  }
  return out;
}

const wards = ['Phường Nha Trang', 'Phường Bắc Nha Trang', 'Phường Tây Nha Trang', 'Phường Nam Nha Trang', 'Xã Vĩnh Lương', 'Xã Vạn Ninh', 'Xã Đại Lãnh', 'Phường Ninh Hòa', 'Xã Cam Lâm', 'Phường Cam Ranh', 'Xã Khánh Vĩnh', 'Xã Diên Khánh'];

/** A province department's 6-monthly report on the office-culture movement. */
export const sampleReport: StateDocument = {
  parentBody: 'UBND tỉnh Khánh Hòa',
  issuingBody: 'Sở Nội vụ',
  reference: { number: '125', code: 'BC-SNV' },
  place: 'Khánh Hòa',
  date: '2026-06-05',
  title: 'Báo cáo',
  summary: 'Kết quả thực hiện phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” 6 tháng đầu năm 2026',
  body: [
    { kind: 'heading', text: 'I. KẾT QUẢ ĐẠT ĐƯỢC' },
    { kind: 'heading', text: '1. Công tác tuyên truyền, quán triệt', level: 2 },
    {
      kind: 'paragraph',
      text: [
        { text: 'Các cơ quan, đơn vị đã tổ chức quán triệt Kế hoạch số 6344/KH-UBND đến toàn thể cán bộ, công chức, viên chức và người lao động; ' },
        { text: '100% đơn vị', bold: true },
        { text: ' đăng ký thi đua đúng hạn, gắn việc thực hiện văn hóa công sở với đánh giá, xếp loại cuối năm.' },
      ],
    },
    { kind: 'heading', text: '2. Các chỉ tiêu chủ yếu', level: 2 },
    {
      kind: 'table',
      widths: [1, 6, 2, 2],
      header: [['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kết quả']],
      rows: [
        [{ value: 'A', bold: true }, { value: 'Đăng ký và đánh giá', bold: true, colSpan: 3 }],
        ['1', 'Số đơn vị đăng ký thi đua', 'đơn vị', 128],
        ['2', 'Số cán bộ, công chức, viên chức đăng ký', 'người', 4512],
        ['3', 'Tỷ lệ đơn vị đã tự đánh giá', '%', 96.5],
        ['4', 'Số đơn vị xếp loại Xuất sắc', 'đơn vị', 23],
        ['5', 'Có quy chế văn hóa công sở được ban hành', 'có/không', 'Có'],
        [{ value: 'B', bold: true }, { value: 'Kết quả theo đơn vị trực thuộc', bold: true, colSpan: 3 }],
        ...wards.map((w, i) => [`${6 + i}`, { value: `${w}: số người đăng ký`, indent: 1 }, 'người', 150 + i * 17]),
        ...wards.map((w, i) => [`${18 + i}`, { value: `${w}: minh chứng đã nộp`, indent: 1 }, 'hồ sơ', 40 + i * 3]),
        [{ value: 'Tổng số người đăng ký của các đơn vị trực thuộc', colSpan: 3, bold: true }, { value: wards.reduce((sum, _, i) => sum + 150 + i * 17, 0), bold: true }],
      ],
    },
    { kind: 'heading', text: 'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN' },
    { kind: 'bullet', text: 'Một số đơn vị cấp xã gửi báo cáo chậm so với thời hạn (ngày 31/5).' },
    { kind: 'bullet', text: 'Việc lưu trữ minh chứng còn phân tán, chưa thống nhất.' },
    { kind: 'heading', text: 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM' },
    { kind: 'paragraph', text: 'Tiếp tục đẩy mạnh phong trào; đôn đốc các đơn vị nộp báo cáo đúng hạn; tổng hợp, đề xuất khen thưởng.' },
  ],
  signatures: [{ authority: ['KT. Giám đốc'], title: 'Phó Giám đốc', name: 'Trần Thị Ánh Tuyết' }],
  recipients: ['Bộ Nội vụ (Vụ Thi đua - Khen thưởng)', 'UBND tỉnh', 'Lưu: VT, TĐKT'],
};
