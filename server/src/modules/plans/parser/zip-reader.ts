import { inflateRawSync } from 'node:zlib';
import { PlanFileError } from './plan-file-error.js';

// A guarded reader for the zip container of .docx and .xlsx. Office files are small; a file that
// claims more than these limits, or inflates beyond what it claims, is refused before any XML is
// parsed, so a zip bomb costs at most `maxTotalBytes` of memory and never runs unbounded.

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes of all entries, declared and actual. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed, checked on entries above 1 MB. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 50 * 1024 * 1024, maxRatio: 200 };

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function damaged(): PlanFileError {
  return new PlanFileError('Tệp nén bị hỏng hoặc không đọc được', 'The file is a damaged or unreadable zip archive');
}

function bomb(detail: string, detailEn: string): PlanFileError {
  return new PlanFileError(`Tệp bị từ chối vì có thể là "bom nén" (${detail})`, `The file was refused as a possible zip bomb (${detailEn})`);
}

/** The central directory, checked against the limits. Throws PlanFileError. */
export function listZip(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, ZipEntryInfo> {
  if (!isZip(bytes)) throw damaged();
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged();
  const count = bytes.readUInt16LE(end + 10);
  const dirOffset = bytes.readUInt32LE(end + 16);
  // 0xFFFF / 0xFFFFFFFF mean a zip64 archive: never needed by an office document of a few MB.
  if (count === 0xffff || dirOffset === 0xffffffff) throw bomb('định dạng zip64', 'zip64 archive');
  if (count > limits.maxEntries) throw bomb(`${count} tệp con`, `${count} entries`);
  const entries = new Map<string, ZipEntryInfo>();
  let total = 0;
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== SIG_CENTRAL) throw damaged();
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    const localOffset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw bomb('định dạng zip64', 'zip64 archive');
    total += size;
    if (total > limits.maxTotalBytes) {
      throw bomb(`giải nén ra hơn ${Math.round(limits.maxTotalBytes / 1048576)} MB`, `expands to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB`);
    }
    if (size > 1_048_576 && size / Math.max(1, compressedSize) > limits.maxRatio) {
      throw bomb(`tỉ lệ nén ${Math.round(size / Math.max(1, compressedSize))}:1`, `compression ratio ${Math.round(size / Math.max(1, compressedSize))}:1`);
    }
    entries.set(name, { name, method, compressedSize, size, localOffset });
  }
  return entries;
}

/**
 * Inflates the named entries. The declared sizes were checked by listZip; here the real output is
 * capped too (zlib's maxOutputLength), so an archive that lies about its sizes is caught as well.
 */
export function readZipEntries(
  bytes: Buffer,
  entries: Map<string, ZipEntryInfo>,
  names: readonly string[],
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let budget = limits.maxTotalBytes;
  for (const name of names) {
    const e = entries.get(name);
    if (!e) continue;
    const p = e.localOffset;
    if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== SIG_LOCAL) throw damaged();
    const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
    if (start + e.compressedSize > bytes.length) throw damaged();
    const raw = bytes.subarray(start, start + e.compressedSize);
    let data: Buffer;
    if (e.method === 0) {
      data = Buffer.from(raw);
    } else if (e.method === 8) {
      // One byte over the declared size is enough to know that it lied.
      const cap = Math.min(budget, e.size + 1);
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          throw bomb(`"${name}" giải nén ra lớn hơn kích thước khai báo`, `"${name}" inflates beyond its declared size`);
        }
        throw damaged();
      }
    } else {
      throw new PlanFileError(`Tệp nén dùng kiểu nén không hỗ trợ (${e.method})`, `The zip uses an unsupported compression method (${e.method})`);
    }
    if (data.length > e.size) throw bomb(`"${name}" lớn hơn kích thước khai báo`, `"${name}" is larger than declared`);
    budget -= data.length;
    out.set(name, data);
  }
  return out;
}
