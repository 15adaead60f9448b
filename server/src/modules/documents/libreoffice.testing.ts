import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// LibreOffice and poppler for tests that look at a rendered document as a person would: convert
// the .docx to PDF, read its text, picture a page. Debian's libreoffice-writer-nogui,
// fonts-liberation2 and poppler-utils (.ci/run installs them).

function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, command);
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

/** The programs, where this machine has them (SOFFICE_PATH overrides the search for soffice). */
export const officeTools = {
  soffice: process.env.SOFFICE_PATH ?? onPath('soffice'),
  pdftotext: onPath('pdftotext'),
  pdftoppm: onPath('pdftoppm'),
  pdffonts: onPath('pdffonts'),
};

/** The install line to print when some are missing. */
export const officeInstallHint = 'apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2 poppler-utils';

/** Runs a command to completion and gives its output; on timeout kills its whole process group (soffice forks soffice.bin). */
export function run(file: string, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone between the timer firing and the kill.
      }
      reject(new Error(`${path.basename(file)} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(file)} ${args.join(' ')} exited with ${code}: ${err || out}`));
    });
  });
}

export const CONVERT_TIMEOUT_MS = 120_000;

/**
 * Converts `docx` to PDF beside it with LibreOffice and returns the PDF's path. A private profile
 * in `dir` per run: no clash with another soffice (or another test run) on the machine, and nothing
 * left in the user's home.
 */
export async function convertToPdf(docx: string, dir: string): Promise<string> {
  if (!officeTools.soffice) throw new Error(`soffice not found (${officeInstallHint})`);
  await run(
    officeTools.soffice,
    ['--headless', '--norestore', '--nolockcheck', '--nodefault', `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--convert-to', 'pdf', '--outdir', dir, docx],
    CONVERT_TIMEOUT_MS,
  );
  return path.join(dir, `${path.basename(docx, path.extname(docx))}.pdf`);
}

/** Page `page` of `pdf` as a PNG at `out`.png (60 dpi: enough to see the layout). */
export async function picturePage(pdf: string, out: string, page = 1): Promise<void> {
  if (!officeTools.pdftoppm) throw new Error(`pdftoppm not found (${officeInstallHint})`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await run(officeTools.pdftoppm, ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
}
