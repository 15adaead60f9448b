import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { SaxesParser } from 'saxes';
import { AppError } from '../../platform/errors.js';
import { listZip, readZipEntries, type ZipLimits } from '../plans/parser/zip-reader.js';

// An uploaded evidence (minh chứng) file is judged by its bytes: the name's ending only has to
// agree with what the bytes are. Office files are opened as far as their package manifest, with
// the same zip-bomb guards as the plan importer; nothing else of them is parsed.

/** An upload written to the staging folder while its size and SHA-256 were counted. */
export interface StagedFile {
  path: string;
  /** The name as the user's device sent it (cleaned later). */
  fileName: string;
  size: number;
  sha256: string;
  /** Removes the staged bytes; safe to call twice. */
  dispose(): Promise<void>;
}

/** Streams an upload to `dir` under a random name, hashing and counting as it goes. */
export async function stageFile(dir: string, stream: Readable, fileName: string): Promise<StagedFile> {
  await fs.promises.mkdir(dir, { recursive: true });
  const file = path.join(dir, randomUUID());
  const dispose = () => fs.promises.rm(file, { force: true });
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, counter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await dispose();
    throw err;
  }
  return { path: file, fileName, size, sha256: hash.digest('hex'), dispose };
}

// ── What is accepted ────────────────────────────────────────────────────

export type EvidenceFileType = 'pdf' | 'jpeg' | 'png' | 'webp' | 'heic' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls';

interface TypeInfo {
  exts: readonly string[];
  mime: string;
  image: boolean;
  label: string;
}

const TYPES: Record<EvidenceFileType, TypeInfo> = {
  pdf: { exts: ['pdf'], mime: 'application/pdf', image: false, label: 'PDF' },
  jpeg: { exts: ['jpg', 'jpeg'], mime: 'image/jpeg', image: true, label: 'ảnh JPEG' },
  png: { exts: ['png'], mime: 'image/png', image: true, label: 'ảnh PNG' },
  webp: { exts: ['webp'], mime: 'image/webp', image: true, label: 'ảnh WebP' },
  heic: { exts: ['heic', 'heif'], mime: 'image/heic', image: true, label: 'ảnh HEIC' },
  docx: { exts: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', image: false, label: 'Word (.docx)' },
  xlsx: { exts: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', image: false, label: 'Excel (.xlsx)' },
  pptx: { exts: ['pptx'], mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', image: false, label: 'PowerPoint (.pptx)' },
  doc: { exts: ['doc'], mime: 'application/msword', image: false, label: 'Word 97-2003 (.doc)' },
  xls: { exts: ['xls'], mime: 'application/vnd.ms-excel', image: false, label: 'Excel 97-2003 (.xls)' },
};

const EXT_TO_TYPE = new Map<string, EvidenceFileType>(
  (Object.entries(TYPES) as [EvidenceFileType, TypeInfo][]).flatMap(([type, info]) => info.exts.map((e) => [e, type] as [string, EvidenceFileType])),
);
const OFFICE_ZIP = new Set<EvidenceFileType>(['docx', 'xlsx', 'pptx']);
const OFFICE_OLE = new Set<EvidenceFileType>(['doc', 'xls']);

/**
 * Guards for Office packages. An Office file of 20 MB is mostly already-compressed pictures, so it
 * expands little; far more than this is a zip bomb aimed at whoever opens the file later.
 */
export const EVIDENCE_ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200 };
/** [Content_Types].xml lists a few hundred parts at most. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** How much of the start of a file the signature check reads. */
export const HEAD_BYTES = 64 * 1024;

export interface CheckedFile {
  type: EvidenceFileType;
  /** The MIME type to serve the file with, from the check. */
  contentType: string;
  /** The cleaned name, with the proper ending added when the original had none. */
  fileName: string;
  isImage: boolean;
}

function invalid(reason: string, reasonEn: string): AppError {
  return new AppError('FILE_INVALID', { reason, reasonEn });
}

function disguised(ext: string, actual: string, actualEn = actual): AppError {
  return new AppError('FILE_DISGUISED', {
    declared: ext,
    actual: actualEn,
    reason: `Tệp có đuôi .${ext} nhưng nội dung thực sự là ${actual}`,
    reasonEn: `The file is named .${ext} but its content is really ${actualEn}`,
  });
}

// ── Names ───────────────────────────────────────────────────────────────

/**
 * The name to keep and show: the last path segment (old browsers send C:\…\name), composed
 * Unicode (macOS sends Vietnamese letters decomposed), no control characters, at most 200
 * characters with the ending kept.
 */
export function cleanFileName(raw: string): string {
  const base = (raw.normalize('NFC').split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const name = base.replace(/^\.+/, '').trim() === '' ? '' : base;
  if (name.length <= 200) return name;
  const ext = name.match(/\.[^.\s]{1,10}$/)?.[0] ?? '';
  return name.slice(0, 200 - ext.length).trimEnd() + ext;
}

/** The ending after the last dot, lower-cased; '' when there is none. */
export function extensionOf(fileName: string): string {
  return fileName.toLowerCase().match(/\.([a-z0-9]{1,10})$/)?.[1] ?? '';
}

// ── Office packages (.docx, .xlsx, .pptx) ──────────────────────────────

const MAIN_PART_TYPES: Record<string, EvidenceFileType> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': 'pptx',
};
const MACRO_PART = /^application\/vnd\.ms-(word|excel|powerpoint)\.[a-z]+\.macroenabled\.main\+xml$/i;

/** The Override entries of [Content_Types].xml: part name → content type. */
function manifestOverrides(xml: Buffer): Map<string, string> {
  const parts = new Map<string, string>();
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const local = tag.name.replace(/^.*:/, '');
    const partName = tag.attributes.PartName;
    const contentType = tag.attributes.ContentType;
    if (local === 'Override' && typeof partName === 'string' && typeof contentType === 'string') {
      parts.set(partName.replace(/^\//, '').toLowerCase(), contentType.trim());
    }
  });
  try {
    parser.write(xml.toString('utf8')).close();
  } catch {
    throw invalid('Tệp Office bị hỏng: danh mục nội dung ([Content_Types].xml) không đọc được', 'The Office file is damaged: its [Content_Types].xml cannot be read');
  }
  return parts;
}

/** Which Office document a zip is, by its manifest and main part; zip bombs and plain zips refused. */
function officePackageType(bytes: Buffer): EvidenceFileType | null {
  const entries = listZip(bytes, EVIDENCE_ZIP_LIMITS);
  const manifest = entries.get('[Content_Types].xml');
  if (!manifest || !entries.has('_rels/.rels')) return null;
  if (manifest.size > MAX_MANIFEST_BYTES) {
    throw invalid('Tệp Office có danh mục nội dung lớn bất thường', 'The Office file has an abnormally large [Content_Types].xml');
  }
  const xml = readZipEntries(bytes, entries, ['[Content_Types].xml'], EVIDENCE_ZIP_LIMITS).get('[Content_Types].xml')!;
  const names = new Set([...entries.keys()].map((n) => n.toLowerCase()));
  for (const [part, contentType] of manifestOverrides(xml)) {
    if (MACRO_PART.test(contentType)) {
      throw new AppError('FILE_TYPE_NOT_ALLOWED', {
        reason: 'Tệp Office có chứa macro (.docm, .xlsm, .pptm) không được nhận; hãy lưu lại thành .docx, .xlsx hoặc .pptx',
        reasonEn: 'Office files with macros (.docm, .xlsm, .pptm) are not accepted; save as .docx, .xlsx or .pptx',
      });
    }
    const type = MAIN_PART_TYPES[contentType];
    if (type && names.has(part)) return type;
  }
  return null;
}

// ── Legacy Office (.doc, .xls): OLE compound files ─────────────────────

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * The stream names in an OLE compound file's directory. Directory entries are 128-byte records
 * aligned on sector boundaries, so scanning every 128th offset after the header finds them
 * without following the allocation table.
 */
function oleStreamNames(bytes: Buffer): Set<string> {
  const names = new Set<string>();
  if (bytes.length < 1024) return names;
  const shift = bytes.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return names;
  for (let off = 1 << shift; off + 128 <= bytes.length; off += 128) {
    const nameLen = bytes.readUInt16LE(off + 64);
    const type = bytes[off + 66];
    if (nameLen < 4 || nameLen > 64 || nameLen % 2 !== 0 || (type !== 1 && type !== 2 && type !== 5)) continue;
    if (bytes.readUInt16LE(off + nameLen - 2) !== 0) continue;
    names.add(bytes.toString('utf16le', off, off + nameLen - 2));
  }
  return names;
}

function oleType(bytes: Buffer): EvidenceFileType | null {
  const names = oleStreamNames(bytes);
  if (!names.has('Root Entry')) return null;
  if (names.has('WordDocument')) return 'doc';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  return null;
}

// ── Everything else, by signature ──────────────────────────────────────

/** A readable name for what a file really is, for the "disguised" message. */
function describe(found: { ext: string; mime: string } | undefined): [string, string] {
  if (!found) return ['dữ liệu không rõ loại', 'data of an unknown kind'];
  if (found.ext === 'exe' || found.mime === 'application/x-msdownload') return ['một chương trình chạy được (.exe)', 'an executable program (.exe)'];
  if (found.ext === 'elf') return ['một chương trình chạy được (ELF)', 'an executable program (ELF)'];
  return [`tệp .${found.ext} (${found.mime})`, `a .${found.ext} file (${found.mime})`];
}

function signatureType(found: { ext: string; mime: string } | undefined): EvidenceFileType | null {
  switch (found?.ext) {
    case 'pdf':
      return 'pdf';
    case 'jpg':
      return 'jpeg';
    case 'png':
      return 'png';
    case 'webp':
      return 'webp';
    case 'heic':
      return 'heic';
    default:
      return null;
  }
}

/**
 * Decides whether an upload is accepted, and as what. `head` is the file's first HEAD_BYTES;
 * `whole` reads all of it, needed only for Office files. Throws FILE_INVALID, FILE_DISGUISED or
 * FILE_TYPE_NOT_ALLOWED (400) with the reason in both languages.
 */
export async function checkEvidenceFile(rawName: string, size: number, head: Buffer, whole: () => Promise<Buffer>): Promise<CheckedFile> {
  const name = cleanFileName(rawName);
  const ext = extensionOf(name);
  if (size === 0 || head.length === 0) throw invalid('Tệp rỗng', 'The file is empty');
  const claimed = ext === '' ? null : EXT_TO_TYPE.get(ext);
  if (claimed === undefined) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', {
      declared: ext,
      reason: `Không nhận tệp .${ext}; chỉ nhận PDF, Word, Excel, PowerPoint và ảnh (JPEG, PNG, WebP, HEIC)`,
      reasonEn: `.${ext} files are not accepted; only PDF, Word, Excel, PowerPoint and images (JPEG, PNG, WebP, HEIC)`,
    });
  }

  let actual: EvidenceFileType | null;
  const isZip = head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
  const isOle = head.subarray(0, 8).equals(OLE_SIGNATURE);
  if (isZip) {
    // Only a file that claims to be an Office package is opened; any other zip is refused unread.
    if (claimed && !OFFICE_ZIP.has(claimed)) throw disguised(ext, 'một tệp nén (ZIP)', 'a zip archive');
    actual = officePackageType(await whole());
    if (!actual) {
      throw invalid(
        `Tệp không phải là tài liệu Office thật (${claimed ? TYPES[claimed].label : 'Word, Excel, PowerPoint'}): là tệp nén nhưng thiếu nội dung chính của tài liệu`,
        'The file is not a real Office document: it is a zip archive without the document’s main part',
      );
    }
  } else if (isOle) {
    if (claimed && !OFFICE_OLE.has(claimed)) throw disguised(ext, 'một tệp Office 97-2003 hoặc tệp OLE khác', 'an Office 97-2003 or other OLE file');
    actual = oleType(await whole());
    if (!actual) {
      throw invalid(
        'Tệp không phải là tài liệu Word hoặc Excel 97-2003 thật (.doc, .xls)',
        'The file is not a real Word or Excel 97-2003 document (.doc, .xls)',
      );
    }
  } else {
    const found = await fileTypeFromBuffer(head);
    actual = signatureType(found);
    if (!actual) {
      if (!claimed) throw new AppError('FILE_TYPE_NOT_ALLOWED', { reason: 'Không nhận ra loại tệp', reasonEn: 'The type of the file was not recognised' });
      const [vi, en] = describe(found);
      if (found) throw disguised(ext, vi, en);
      throw invalid(`Nội dung tệp không phải là ${TYPES[claimed].label} hợp lệ`, `The content is not a valid ${TYPES[claimed].label.replace('ảnh', 'image')}`);
    }
  }

  if (claimed && claimed !== actual) throw disguised(ext, TYPES[actual].label, TYPES[actual].label.replace('ảnh', 'image'));
  const info = TYPES[actual];
  const fileName = claimed ? name : `${name || 'minh-chung'}.${info.exts[0]}`;
  return { type: actual, contentType: info.mime, fileName, isImage: info.image };
}

/** The check above, on a staged upload: reads only the head unless it is an Office file. */
export async function checkStagedFile(staged: StagedFile): Promise<CheckedFile> {
  const handle = await fs.promises.open(staged.path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, staged.size));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  return checkEvidenceFile(staged.fileName, staged.size, head, () => fs.promises.readFile(staged.path));
}

/** Is a stored content type shown inline (pictures), rather than downloaded? */
export function isImageType(contentType: string | null): boolean {
  return contentType !== null && Object.values(TYPES).some((t) => t.image && t.mime === contentType);
}
