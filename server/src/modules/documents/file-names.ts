// Names of downloaded files as an official would type them: plain ASCII words joined by hyphens,
// without diacritics ("Báo cáo năm 2026 Phường Nha Trang" → "Bao-cao-nam-2026-Phuong-Nha-Trang"),
// so that they survive every e-mail client, file system and document register.

/** The longest name before the extension; a longer one is cut at a hyphen. */
const MAX_LENGTH = 120;

/** Vietnamese letters without their marks; đ/Đ become d/D (NFD leaves them whole). */
export function withoutDiacritics(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** "Báo cáo năm 2026 – Phường Nha Trang", "docx" → "Bao-cao-nam-2026-Phuong-Nha-Trang.docx". */
export function officialFileName(words: string, extension: string): string {
  let base = withoutDiacritics(words)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length > MAX_LENGTH) base = base.slice(0, MAX_LENGTH + 1).replace(/-[^-]*$/, '');
  return `${base || 'tai-lieu'}.${extension}`;
}
