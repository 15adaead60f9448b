import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { countXlsxRows, readXlsxRows, xmlText, type XlsxRow } from './imports.xlsx.js';

/** A zip with stored (uncompressed) entries; the reader does not check CRCs, so they are left 0. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

async function rows(bytes: Buffer): Promise<XlsxRow[]> {
  const out: XlsxRow[] = [];
  for await (const r of readXlsxRows(bytes)) out.push(r);
  return out;
}

const workbook = (extra = '') =>
  `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr ${extra}/><sheets><sheet name="Dữ liệu &amp; mẫu" sheetId="7" r:id="rId3"/><sheet name="Hướng dẫn" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const rels = `<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/><Relationship Target="/xl/worksheets/sheet2.xml" Id="rId3" Type="ws"/></Relationships>`;
const styles = `<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="&quot;Mã &quot;0"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs></styleSheet>`;

describe('readXlsxRows', () => {
  it('reads the first tab (not the first file), with every kind of cell', async () => {
    const sheet = `<worksheet><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Chữ &lt;trực tiếp&gt;</t></is></c></row>
      <row r="3" spans="1:6"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>31295</v></c><c r="C3" s="2"><v>45658.75</v></c><c r="D3"><v>912345678</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" s="3"><v>7</v></c></row>
      <row r="4"><c r="A4" t="str"><f>A1&amp;"x"</f><v>Công thức_x000D_</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4"/></row>
      <row r="5"/>
    </sheetData></worksheet>`;
    const shared = `<sst><si><t>Họ và tên</t></si><si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t xml:space="preserve">Văn A</t></r><rPh><t>グエン</t></rPh></si></sst>`;
    const bytes = storedZip({
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': workbook(),
      'xl/_rels/workbook.xml.rels': rels,
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Hướng dẫn</t></is></c></row></sheetData></worksheet>',
      'xl/worksheets/sheet2.xml': sheet,
      'xl/styles.xml': styles,
      'xl/sharedStrings.xml': shared,
    });
    expect(await rows(bytes)).toEqual([
      { row: 1, cells: ['Họ và tên', null, 'Chữ <trực tiếp>'] },
      { row: 3, cells: ['Nguyễn Văn A', new Date(Date.UTC(1985, 8, 5)), new Date(Date.UTC(2025, 0, 1, 18)), 912345678, true, 7] },
      { row: 4, cells: ['Công thức\r', '#N/A'] },
      { row: 5, cells: [] },
    ]);
    expect(await countXlsxRows(bytes)).toBe(4);
  });

  it('handles prefixed (x:) tags, cells without references and 1904 dates', async () => {
    const bytes = storedZip({
      'xl/workbook.xml': workbook('date1904="1"').replaceAll('<sheet', '<x:sheet'),
      'xl/_rels/workbook.xml.rels': rels,
      'xl/worksheets/sheet2.xml': '<x:worksheet><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c s="1"><x:v>0</x:v></x:c></x:row><x:row><x:c><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      'xl/styles.xml': styles,
    });
    expect(await rows(bytes)).toEqual([
      { row: 1, cells: ['a', new Date(Date.UTC(1904, 0, 1))] },
      { row: 2, cells: [2] },
    ]);
  });

  it('reads what ExcelJS writes, across many compressed chunks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Cán bộ');
    ws.getColumn(2).numFmt = 'dd/mm/yyyy';
    for (let i = 1; i <= 5000; i++) ws.addRow([`Người số ${i} — “đặc biệt” & <thẻ>`, new Date(Date.UTC(1980, 0, 1 + (i % 365))), i]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const all = await rows(bytes);
    expect(all).toHaveLength(5000);
    expect(all[4999]).toEqual({ row: 5000, cells: ['Người số 5000 — “đặc biệt” & <thẻ>', new Date(Date.UTC(1980, 0, 1 + (5000 % 365))), 5000] });
    expect(await countXlsxRows(bytes)).toBe(5000);
  });

  it('decodes entities and Excel escapes', () => {
    expect(xmlText('a &amp; b &#7843; &#x1EA1; _x000A_')).toBe('a & b ả ạ \n');
  });
});
