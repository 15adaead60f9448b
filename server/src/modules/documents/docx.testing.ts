import { listZip, readZipEntries } from '../plans/parser/zip-reader.js';

// Reading back what the renderer wrote, for tests: the parts of the .docx, and the text of its
// paragraphs as a reader of the printed page would see it.

/** The named parts of a .docx (word/document.xml, word/styles.xml…) as text. */
export function docxParts(bytes: Buffer, names: readonly string[] = ['word/document.xml', 'word/styles.xml']): Map<string, string> {
  const parts = readZipEntries(bytes, listZip(bytes), names);
  return new Map([...parts].map(([name, data]) => [name, data.toString('utf8')]));
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface DocxParagraph {
  text: string;
  /** The paragraph's XML, to check emphasis (<w:b/>, <w:i/>), alignment and size. */
  xml: string;
}

/** Every paragraph of the main document with its text (line breaks as "\n"), in order. */
export function docxParagraphs(bytes: Buffer): DocxParagraph[] {
  const xml = docxParts(bytes, ['word/document.xml']).get('word/document.xml') ?? '';
  const out: DocxParagraph[] = [];
  for (const m of xml.matchAll(/<w:p[ >].*?<\/w:p>|<w:p\/>/gs)) {
    const p = m[0];
    let text = '';
    for (const r of p.matchAll(/<w:br\/>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)) text += r[0] === '<w:br/>' ? '\n' : unescape(r[1] ?? '');
    out.push({ text, xml: p });
  }
  return out;
}

/** The document's text, one paragraph a line. */
export function docxText(bytes: Buffer): string {
  return docxParagraphs(bytes)
    .map((p) => p.text)
    .join('\n');
}

/** The rows of the document's tables, each row the text of its cells (the layout tables included). */
export function docxTableRows(bytes: Buffer): string[][] {
  const xml = docxParts(bytes, ['word/document.xml']).get('word/document.xml') ?? '';
  const rows: string[][] = [];
  for (const tr of xml.matchAll(/<w:tr[ >].*?<\/w:tr>/gs)) {
    const cells: string[] = [];
    for (const tc of tr[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)) {
      const paras = [...tc[0].matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) =>
        [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1] ?? '')).join(''),
      );
      cells.push(paras.filter((t) => t !== '').join('\n'));
    }
    rows.push(cells);
  }
  return rows;
}
