import type { ImportKind } from '@thidua/contracts';
import ExcelJS from 'exceljs';
import { columnsOf, type ColumnDef } from './imports.columns.js';
import type { FileFormat } from './imports.files.js';
import { csvFile } from '../documents/csv.js';

export const GUIDE_SHEET = 'Hướng dẫn';

/** One example row per kind, with the user's own unit so that the example imports as it is. */
export function exampleRow(kind: ImportKind, unitCode: string): string[] {
  if (kind === 'people') return ['CB-MAU-001', 'Nguyễn Thị Mai', 'Nữ', '15/03/1988', 'Công chức', 'Chuyên viên', unitCode, 'mai.nt@example.gov.vn', '0912345678'];
  if (kind === 'units') return ['DV-MAU-001', 'Phòng Văn hóa - Xã hội', 'VHXH', 'Phòng/Ban', unitCode, '01/07/2025'];
  return ['CB-MAU-001', 'Nguyễn Thị Mai', unitCode, '2024', 'Hoàn thành xuất sắc nhiệm vụ', 'Lao động tiên tiến; Chiến sĩ thi đua cơ sở', '125/QĐ-UBND', '20/12/2024', 'Số hóa hồ sơ một cửa', 'Cấp cơ sở'];
}

const titles: Record<ImportKind, string> = { people: 'Danh sách cán bộ', units: 'Danh sách đơn vị', records: 'Hồ sơ thành tích' };
export const templateFileNames: Record<ImportKind, string> = { people: 'mau-nhap-can-bo', units: 'mau-nhap-don-vi', records: 'mau-nhap-ho-so-thanh-tich' };

/** A CSV with a BOM, so that Excel opens it as UTF-8 and shows the Vietnamese letters. */
function csvTemplate(columns: ColumnDef<string>[], example: string[]): Buffer {
  return csvFile([columns.map((c) => c.header), example]);
}

async function xlsxTemplate(kind: ImportKind, columns: ColumnDef<string>[], example: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const data = wb.addWorksheet(titles[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    // Text cells: codes and phones keep their leading zeros, and a typed 05/09/1985 stays
    // day/month whatever the computer's regional setting (Excel would otherwise guess).
    style: { numFmt: '@' },
  }));
  data.addRow(example);
  const head = data.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell, i) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: columns[i - 1]?.required ? 'FFFDE9D9' : 'FFEFEFEF' } };
    cell.note = columns[i - 1]?.help ?? '';
  });

  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: 'Cột', key: 'column', width: 22 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Cách điền', key: 'help', width: 100 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of columns) guide.addRow({ column: c.header, required: c.required ? 'Có' : 'Không', help: c.help });
  guide.addRow([]);
  for (const note of [
    'Giữ nguyên dòng tiêu đề (dòng 1) của trang đầu tiên; có thể đổi thứ tự cột. Tên cột tiếng Anh cũng được chấp nhận.',
    'Xóa dòng ví dụ trước khi nhập thật. Ngày ghi theo dạng ngày/tháng/năm (dd/mm/yyyy).',
    'Sau khi tải lên, hệ thống kiểm tra toàn bộ tệp và liệt kê các dòng lỗi (số dòng như trong Excel) trước khi ghi dữ liệu.',
    'Nếu lưu dưới dạng CSV, chọn "CSV UTF-8" để giữ dấu tiếng Việt.',
  ]) {
    guide.addRow({ column: note }).getCell(1).font = { italic: true };
  }
  for (const row of guide.getRows(2, columns.length) ?? []) row.alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template of a kind in a format, with headers in Vietnamese and one example row. */
export async function buildTemplate(kind: ImportKind, format: FileFormat, exampleUnitCode: string): Promise<Buffer> {
  const columns = columnsOf(kind);
  const example = exampleRow(kind, exampleUnitCode);
  return format === 'csv' ? csvTemplate(columns, example) : xlsxTemplate(kind, columns, example);
}
