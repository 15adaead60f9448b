import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { makeZip } from '../plans/parser/plan-parser.testing.js';
import { checkEvidenceFile, cleanFileName, HEAD_BYTES } from './evidence.files.js';
import { contentDisposition } from './evidence.routes.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/evidence');
const evidenceFixture = (name: string) => fs.readFileSync(path.join(dir, name));

/** The check as the upload route runs it: head first, whole file only on demand. */
function check(name: string, bytes: Buffer) {
  return checkEvidenceFile(name, bytes.length, bytes.subarray(0, HEAD_BYTES), async () => bytes);
}

/** The error code and the Vietnamese reason of a refusal. */
async function refusal(name: string, bytes: Buffer): Promise<{ code: string; status: number; reason: string }> {
  try {
    await check(name, bytes);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, status: err.status, reason: String(err.details?.reason ?? '') };
  }
  throw new Error(`${name} was accepted`);
}

const zip = (entries: Parameters<typeof makeZip>[0]) => makeZip(entries, (b) => deflateRawSync(b));
const contentTypes = (main: string, partName = '/word/document.xml') =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="xml" ContentType="application/xml"/><Override PartName="${partName}" ContentType="${main}"/></Types>`,
  );
const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const rels = { name: '_rels/.rels', data: Buffer.from('<Relationships/>') };
/** A Windows program: "MZ", the DOS stub, and "PE" where the header says. */
const exe = (() => {
  const b = Buffer.alloc(1024);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();

describe('checkEvidenceFile', () => {
  it.each([
    ['bao-cao.pdf', 'Báo cáo tháng 5.pdf', 'application/pdf', false],
    ['bao-cao.docx', 'Kế hoạch.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', false],
    ['bang-diem.xlsx', 'Bảng điểm.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
    ['trinh-chieu.pptx', 'Hội thi.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', false],
    ['bao-cao.doc', 'Báo cáo cũ.doc', 'application/msword', false],
    ['bang-diem.xls', 'Bảng điểm cũ.XLS', 'application/vnd.ms-excel', false],
    ['anh-chup.jpg', 'Ảnh trồng hoa.jpeg', 'image/jpeg', true],
    ['anh-chup.png', 'Ảnh.png', 'image/png', true],
    ['anh.webp', 'Ảnh.webp', 'image/webp', true],
    ['anh.heic', 'IMG_0001.HEIC', 'image/heic', true],
  ])('accepts a real %s named "%s" as %s', async (fixture, name, contentType, isImage) => {
    const checked = await check(name, evidenceFixture(fixture));
    expect(checked).toMatchObject({ contentType, isImage, fileName: name });
  });

  it('refuses a Windows program renamed .pdf as disguised, naming what it really is', async () => {
    const r = await refusal('hoa-don.pdf', exe);
    expect(r).toMatchObject({ code: 'FILE_DISGUISED', status: 400 });
    expect(r.reason).toContain('.exe');
  });

  it('refuses real files whose ending lies: a PNG named .jpg, a .docx named .xlsx, a .doc named .xls, a PDF named .docx', async () => {
    expect((await refusal('anh.jpg', evidenceFixture('anh-chup.png'))).code).toBe('FILE_DISGUISED');
    expect((await refusal('bang.xlsx', evidenceFixture('bao-cao.docx'))).code).toBe('FILE_DISGUISED');
    expect((await refusal('bang.xls', evidenceFixture('bao-cao.doc'))).code).toBe('FILE_DISGUISED');
    expect((await refusal('bao-cao.pdf', evidenceFixture('bao-cao.docx'))).code).toBe('FILE_DISGUISED');
    expect((await refusal('bao-cao.docx', evidenceFixture('bao-cao.pdf'))).code).toBe('FILE_DISGUISED');
  });

  it('refuses endings outside the allow-list, whatever the content', async () => {
    for (const name of ['setup.exe', 'trang.html', 'anh.svg', 'ghi-chu.txt', 'nen.zip', 'macro.docm']) {
      expect((await refusal(name, evidenceFixture('bao-cao.pdf'))).code, name).toBe('FILE_TYPE_NOT_ALLOWED');
    }
  });

  it('refuses an empty file and text dressed as a PDF', async () => {
    expect((await refusal('rong.pdf', Buffer.alloc(0))).code).toBe('FILE_INVALID');
    const text = await refusal('van-ban.pdf', Buffer.from('Đây là văn bản, không phải PDF'));
    expect(text.code).toBe('FILE_INVALID');
    expect(text.reason).toContain('PDF');
  });

  it('refuses a .docx that is a plain zip, or a zip without the main part its manifest names', async () => {
    expect((await refusal('x.docx', zip([{ name: 'hello.txt', data: Buffer.from('xin chào') }]))).code).toBe('FILE_INVALID');
    const noMain = zip([{ name: '[Content_Types].xml', data: contentTypes(WORD_MAIN) }, rels]);
    const r = await refusal('x.docx', noMain);
    expect(r.code).toBe('FILE_INVALID');
    expect(r.reason).toContain('Office');
  });

  it('refuses a macro-enabled Word file renamed .docx', async () => {
    const docm = zip([
      { name: '[Content_Types].xml', data: contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml') },
      rels,
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    const r = await refusal('x.docx', docm);
    expect(r.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(r.reason).toContain('macro');
  });

  it('refuses zip bombs by declared size, by ratio, by entry count, and by what they really inflate to', async () => {
    const word = (extra: Parameters<typeof makeZip>[0]) =>
      zip([{ name: '[Content_Types].xml', data: contentTypes(WORD_MAIN) }, rels, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }, ...extra]);
    const zeros = (mb: number) => Buffer.alloc(mb * 1024 * 1024);
    // 2 MB of zeros compress to a few kB: a ratio far above 200:1.
    expect((await refusal('a.docx', word([{ name: 'word/media/a.bin', data: zeros(2) }]))).reason).toContain('bom nén');
    // Declares 300 MB in total without holding it.
    expect((await refusal('b.docx', word([{ name: 'word/media/b.bin', data: Buffer.from('x'), deflate: false, declared: 300 * 1024 * 1024 }]))).reason).toContain(
      'bom nén',
    );
    const many = word(Array.from({ length: 5001 }, (_, i) => ({ name: `word/m/${i}.xml`, data: Buffer.from('<a/>') })));
    expect((await refusal('c.docx', many)).reason).toContain('bom nén');
    // The manifest itself lies about its size: it inflates past what it declared.
    const liar = zip([
      { name: '[Content_Types].xml', data: Buffer.concat([contentTypes(WORD_MAIN), Buffer.alloc(500_000, 32)]), declared: 100 },
      rels,
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    expect((await refusal('d.docx', liar)).reason).toContain('bom nén');
  });

  it('refuses an OLE file that is neither Word nor Excel (e.g. an installer renamed .doc)', async () => {
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    ole.writeUInt16LE(9, 30);
    const r = await refusal('x.doc', ole);
    expect(r.code).toBe('FILE_INVALID');
  });

  it('adds the ending a nameless camera file lacks', async () => {
    expect((await check('', evidenceFixture('anh-chup.jpg'))).fileName).toBe('minh-chung.jpg');
    expect((await check('image', evidenceFixture('anh-chup.jpg'))).fileName).toBe('image.jpg');
  });
});

describe('cleanFileName', () => {
  it('keeps the last path segment, composes Vietnamese letters and drops control characters', () => {
    expect(cleanFileName('C:\\Users\\gv\\Báo cáo.pdf')).toBe('Báo cáo.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('Ba\u0301o ca\u0301o.pdf')).toBe('Báo cáo.pdf');
    expect(cleanFileName('a\u0000b\u202e.pdf')).toBe('ab.pdf');
  });

  it('shortens a very long name but keeps its ending', () => {
    const long = `${'Minh chứng '.repeat(40)}.docx`;
    const cleaned = cleanFileName(long);
    expect(cleaned.length).toBe(200);
    expect(cleaned.endsWith('.docx')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives old clients a plain-ASCII name and the rest the real UTF-8 one', () => {
    expect(contentDisposition('attachment', 'Đánh giá "năm" 2026\\x.pdf')).toBe(
      `attachment; filename="Danh gia _nam_ 2026_x.pdf"; filename*=UTF-8''%C4%90%C3%A1nh%20gi%C3%A1%20%22n%C4%83m%22%202026%5Cx.pdf`,
    );
    expect(contentDisposition('inline', "it's (1).png")).toBe(`inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`);
  });
});
