import { Command } from 'commander';
import { importKinds, type ImportKind } from '@thidua/contracts';
import { systemNow, vietnamDate, vietnamYear } from './platform/clock.js';
import { loadConfig, type Config } from './platform/config.js';
import { EmbeddedStartError } from './platform/embedded-postgres.js';
import { openRuntime, type Runtime } from './platform/runtime.js';
import { migrateToLatest } from './db/migrate.js';
import { serve } from './serve.js';
import { verifyAuditChain } from './platform/audit.js';

let serving = false;
const program = new Command('thidua').description('thidua — quản lý phong trào thi đua / emulation movements');

program
  .command('serve', { isDefault: true })
  .description('Start the server (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    serving = true;
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('Bring the database schema up to date')
  .action(async () => {
    const rt = await openRuntime(loadConfig(), { migrate: false });
    try {
      const applied = await migrateToLatest(rt.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
    } finally {
      await rt.close();
    }
  });

const audit = program.command('audit').description('Audit log tools');
audit
  .command('verify')
  .description('Check the hash chain of the audit log; exits 1 if any row was edited or deleted')
  .action(async () => {
    const rt = await openRuntime(loadConfig());
    try {
      const r = await verifyAuditChain(rt.db);
      if (r.ok) console.log(`Audit log intact: ${r.checked} entries checked.`);
      else console.error(`Audit log BROKEN at entry ${r.firstBrokenId}: ${r.problem} (${r.checked} entries before it are intact).`);
      process.exitCode = r.ok ? 0 : 1;
    } finally {
      await rt.close();
    }
  });

program
  .command('create-admin')
  .description('Create a system administrator at the root unit(s), or set the password of an existing one (Tạo quản trị hệ thống)')
  .requiredOption('--username <username>', 'login name')
  .requiredOption('--password <password>', 'at least 10 characters')
  .option('--name <name>', 'display name (default: Quản trị hệ thống)')
  .option('--email <email>', 'e-mail, for password reset')
  .option('--reset-mfa', 'also remove the second factor of an existing administrator who lost the device (they enrol a new one at next sign-in)')
  .action(async (opts: { username: string; password: string; name?: string; email?: string; resetMfa?: boolean }) => {
    // Imported here so that the other commands do not load the auth module.
    const { createAdmin } = await import('./modules/auth/auth.service.js');
    const { AppError } = await import('./platform/errors.js');
    const { errorTable } = await import('@thidua/contracts');
    const rt = await openRuntime(loadConfig());
    try {
      const r = await createAdmin(rt.db, { username: opts.username, password: opts.password, displayName: opts.name, email: opts.email, resetMfa: opts.resetMfa }, systemNow());
      console.log(`${r.created ? 'Created' : 'Updated'} administrator "${r.username}" (id ${r.userId}); system_admin at: ${r.units.join(', ')}.`);
      console.log('Sign in and set up two-factor authentication (TOTP): it is required for administrators.');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const e = errorTable[err.code];
      console.error(`${e.vi} / ${e.en}${err.fields?.length ? `: ${err.fields.map((f) => f.message).join('; ')}` : ''}`);
      process.exitCode = 1;
    } finally {
      await rt.close();
    }
  });

/** thidua import-units / import-people / import-records: the API's dry run and import, as a system action. */
async function importCommand(kind: ImportKind, file: string, opts: { onlyGood?: boolean }) {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { importFromCli } = await import('./modules/imports/imports.service.js');
  const { AppError } = await import('./platform/errors.js');
  const { errorTable } = await import('@thidua/contracts');
  const noun = { units: 'đơn vị', people: 'cán bộ', records: 'hồ sơ thành tích' }[kind];
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    console.error(`Không đọc được tệp / cannot read the file: ${file}`);
    process.exitCode = 1;
    return;
  }
  const rt = await openRuntime(loadConfig());
  try {
    const progress = (stage: 'validate' | 'commit', p: { processed: number; imported: number }) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${stage === 'validate' ? `Đang kiểm tra: ${p.processed} dòng` : `Đang ghi: ${p.imported} dòng`}   `);
    };
    const r = await importFromCli(rt.db, kind, { name: path.basename(file), bytes }, { onlyGoodRows: !!opts.onlyGood, today: vietnamDate(systemNow()), onProgress: progress });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const v = r.validation;
    console.log(`Tệp có ${v.totalRows} dòng ${noun}: ${v.goodRows} hợp lệ, ${v.badRows} lỗi / ${v.totalRows} rows: ${v.goodRows} good, ${v.badRows} bad.`);
    for (const e of v.errors) console.log(`  Dòng ${e.row}${e.field ? ` — ${e.field}` : ''}: ${e.message}`);
    const shown = new Set(v.errors.map((e) => e.row)).size;
    if (v.badRows > shown) console.log(`  … và ${v.badRows - shown} dòng lỗi khác / and ${v.badRows - shown} more bad rows.`);
    if (r.imported) {
      console.log(`Đã nhập ${r.imported.importedRows} ${noun} / imported ${r.imported.importedRows} rows.`);
    } else if (v.badRows > 0 && !opts.onlyGood) {
      console.error('Chưa ghi dữ liệu nào: sửa các dòng lỗi, hoặc chạy lại với --only-good để chỉ nhập các dòng hợp lệ. / Nothing written: fix the bad rows or rerun with --only-good.');
      process.exitCode = 1;
    } else {
      console.log('Không có dòng hợp lệ nào để nhập / no good rows to import.');
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason = typeof err.details?.reason === 'string' ? `: ${err.details.reason}` : '';
    console.error(`${errorTable[err.code].vi}${reason} / ${errorTable[err.code].en}`);
    process.exitCode = 1;
  } finally {
    await rt.close();
  }
}

const importDescriptions: Record<ImportKind, string> = {
  units: 'Import units from an XLSX or CSV file (Nhập đơn vị từ tệp)',
  people: 'Import people from an XLSX or CSV file (Nhập cán bộ từ tệp)',
  records: 'Import past years of the records of achievements, one row a person and year (Nhập hồ sơ thành tích các năm trước)',
};
for (const kind of importKinds) {
  program
    .command(`import-${kind}`)
    .description(importDescriptions[kind])
    .argument('<file>', '.xlsx or .csv, with the columns of the template')
    .option('--only-good', 'import the good rows even if some rows are bad (default: write nothing when any row is bad)')
    .action(async (file: string, opts: { onlyGood?: boolean }) => {
      await importCommand(kind, file, opts);
    });
}

/** Reads a count written as 3000000, 3_000_000 or 3,000,000. */
function countOption(value: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number: ${value}`);
  return n;
}

program
  .command('seed')
  .description('Fill an EMPTY database with demonstration data (Tạo dữ liệu mẫu): demo = Khánh Hòa, about 500 people; national = the benchmark set')
  .option('--size <size>', 'demo | national', 'demo')
  .option('--people <n>', 'people to create (demo 500, national 3,000,000)', countOption)
  .option('--units <n>', 'units in all, national only (default 30,000)', countOption)
  .option('--seed <seed>', 'seed of the generator: the same seed gives the same data', 'thidua')
  .action(async (opts: { size: string; people?: number; units?: number; seed: string }) => {
    const { generateDemo, DemoDataExistsError } = await import('./demo/generate-demo.js');
    const { formatDemoAccounts, listDemoAccounts } = await import('./demo/demo-accounts.js');
    if (opts.size !== 'demo' && opts.size !== 'national') {
      console.error(`--size must be demo or national, not ${opts.size}`);
      process.exit(1);
    }
    const rt = await openRuntime(loadConfig());
    try {
      await generateDemo(rt.db, { size: opts.size, people: opts.people, units: opts.units, seed: opts.seed, year: vietnamYear(systemNow()), log: (m) => console.log(m) });
      if (opts.size === 'demo') {
        const { generateDemoMovement } = await import('./demo/demo-movement.js');
        await generateDemoMovement(rt.db, systemNow);
      }
      const accounts = formatDemoAccounts(await listDemoAccounts(rt.db));
      if (accounts) console.log(`\n${accounts}`);
    } catch (err) {
      if (!(err instanceof DemoDataExistsError)) throw err;
      // Demonstration rows mixed into real ones could never be told apart again: refuse outright.
      console.error(`${err.message}.\nDùng một cơ sở dữ liệu trống (DATA_DIR khác hoặc DATABASE_URL khác) / use an empty database (another DATA_DIR or DATABASE_URL).`);
      process.exitCode = 1;
    } finally {
      await rt.close();
    }
  });

/** Tells how the evidence files stand after a restore or a check, in both languages; false when some are not where they should be. */
async function reportStoredFiles(rt: Runtime, config: Config): Promise<boolean> {
  const { checkStoredFiles } = await import('./platform/storage-check.js');
  const { evidenceStorage } = await import('./platform/storage.js');
  const storage = evidenceStorage(config);
  const r = await checkStoredFiles(rt.db, storage);
  if (r.problems === 0) {
    console.log(`Tệp minh chứng đầy đủ / evidence files all present: ${r.checked} checked.`);
    return true;
  }
  const why = { missing: 'thiếu / missing', wrong_size: 'sai kích thước / wrong size', store_not_configured: 'chưa cấu hình S3 / S3 not configured' };
  console.error(`THIẾU TỆP MINH CHỨNG / EVIDENCE FILES NOT IN STORAGE: ${r.problems} of ${r.checked}.`);
  for (const p of r.examples) console.error(`  minh chứng / evidence ${p.evidenceId} (${p.storage} ${p.key}): ${why[p.problem]}`);
  if (r.problems > r.examples.length) console.error(`  … và ${r.problems - r.examples.length} tệp khác / and ${r.problems - r.examples.length} more.`);
  if (r.byStorage.s3) {
    console.error(
      `  ${r.byStorage.s3} tệp nằm trong kho S3: sao chép thư mục evidence/ của bucket cũ vào ${storage.s3Location ?? 'bucket S3 (đặt S3_ENDPOINT, S3_BUCKET…)'} bằng công cụ S3 (ví dụ mc mirror, aws s3 sync), rồi chạy lại: thidua evidence verify /\n` +
        `  ${r.byStorage.s3} files belong in S3: copy the old bucket's evidence/ folder to ${storage.s3Location ?? 'an S3 bucket (set S3_ENDPOINT, S3_BUCKET…)'} with your S3 tools (e.g. mc mirror, aws s3 sync), then run: thidua evidence verify`,
    );
  }
  if (r.byStorage.disk) {
    console.error(
      `  ${r.byStorage.disk} tệp phải nằm trong ${storage.diskRoot}: chép chúng từ thư mục evidence của máy cũ, rồi chạy lại: thidua evidence verify /\n` +
        `  ${r.byStorage.disk} files belong in ${storage.diskRoot}: copy them from the old machine's evidence folder, then run: thidua evidence verify`,
    );
  }
  return false;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

program
  .command('backup')
  .description('Write a consistent backup of the whole database and of the evidence files on disk to FILE (gzipped JSON lines); safe while the server runs')
  .argument('<file>', 'the backup file, e.g. thidua-2026-11-22.jsonl.gz, or - for standard output')
  .action(async (file: string) => {
    const { backupDatabase } = await import('./platform/backup.js');
    const { evidenceStorage } = await import('./platform/storage.js');
    const config = loadConfig();
    // No migration first: a backup taken before an upgrade must hold the schema as it was.
    const rt = await openRuntime(config, { migrate: false });
    const log = (m: string) => console.error(m);
    try {
      const started = performance.now();
      const storage = evidenceStorage(config);
      const r = await backupDatabase(rt.db, file === '-' ? process.stdout : file, { evidence: storage, log, now: systemNow });
      log(
        `Đã sao lưu / backed up ${r.rows} rows of ${Object.keys(r.tables).length} tables and ${r.files} evidence files (${megabytes(r.fileBytes)})` +
          `${file === '-' ? '' : ` to ${file}`} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      if (r.filesInS3) {
        log(
          `Lưu ý: ${r.filesInS3} tệp minh chứng nằm trong kho S3 (${storage.s3Location ?? 'S3'}) KHÔNG có trong bản sao lưu này: sao lưu bucket bằng công cụ S3 (ví dụ mc mirror, aws s3 sync). /\n` +
            `Note: ${r.filesInS3} evidence files are in S3 (${storage.s3Location ?? 'S3'}) and NOT in this backup: copy the bucket with your S3 tools (e.g. mc mirror, aws s3 sync).`,
        );
      }
      if (r.missingFiles) {
        log(
          `BẢN SAO LƯU THIẾU ${r.missingFiles} tệp minh chứng không có trong ${storage.diskRoot} (liệt kê ở trên); phần còn lại đã được ghi. Đúng DATA_DIR chưa? /\n` +
            `THE BACKUP LACKS ${r.missingFiles} evidence files missing from ${storage.diskRoot} (listed above); everything else was written. Is DATA_DIR the server's?`,
        );
        process.exitCode = 1;
      }
      if (r.damagedFiles) {
        log(`${r.damagedFiles} tệp minh chứng khác với lúc tải lên (liệt kê ở trên) / ${r.damagedFiles} evidence files differ from what was uploaded (listed above).`);
        process.exitCode = 1;
      }
    } finally {
      await rt.close();
    }
  });

program
  .command('restore')
  .description('Restore a backup, evidence files included, into an EMPTY database (refuses one that holds data), then verify the audit chain and that every evidence file is in storage')
  .argument('<file>', 'a file written by thidua backup')
  .action(async (file: string) => {
    const { restoreDatabase, RestoreRefusedError } = await import('./platform/backup.js');
    const { CorruptBackupError } = await import('./platform/backup-files.js');
    const { evidenceStorage } = await import('./platform/storage.js');
    const config = loadConfig();
    const rt = await openRuntime(config);
    try {
      const started = performance.now();
      const r = await restoreDatabase(rt.db, file, { evidence: evidenceStorage(config), log: (m) => console.log(m) });
      console.log(
        `Đã khôi phục / restored ${r.rows} rows of ${Object.keys(r.tables).length} tables and ${r.files} evidence files (${megabytes(r.fileBytes)}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      const v = await verifyAuditChain(rt.db);
      if (v.ok) console.log(`Nhật ký kiểm toán toàn vẹn / audit log intact: ${v.checked} entries checked.`);
      else console.error(`Nhật ký kiểm toán HỎNG / audit log BROKEN at entry ${v.firstBrokenId}: ${v.problem}.`);
      const filesOk = await reportStoredFiles(rt, config);
      process.exitCode = v.ok && filesOk ? 0 : 1;
    } catch (err) {
      if (!(err instanceof RestoreRefusedError) && !(err instanceof CorruptBackupError)) throw err;
      console.error(err.message);
      process.exitCode = 1;
    } finally {
      await rt.close();
    }
  });

const evidenceCommand = program.command('evidence').description('Evidence files (minh chứng)');
evidenceCommand
  .command('verify')
  .description('Check that every evidence file the database names is in its storage (disk or S3) with its recorded size; exits 1 if any is not')
  .action(async () => {
    const config = loadConfig();
    const rt = await openRuntime(config);
    try {
      process.exitCode = (await reportStoredFiles(rt, config)) ? 0 : 1;
    } finally {
      await rt.close();
    }
  });

const planCommand = program.command('plan').description('Plan documents (Kế hoạch thi đua)');
planCommand
  .command('parse')
  .description('Read a plan from a .docx, .xlsx or text file and print the draft the import would make (Đọc kế hoạch từ tệp); no database needed')
  .argument('<file>', '.docx, .xlsx or plain text')
  .option('--json', 'print the whole draft as JSON')
  .action(async (file: string, opts: { json?: boolean }) => {
    const fs = await import('node:fs');
    const { parsePlanFile, PlanFileError } = await import('./modules/plans/parser/index.js');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      console.error(`Không đọc được tệp / cannot read the file: ${file}`);
      process.exitCode = 1;
      return;
    }
    try {
      const draft = await parsePlanFile(bytes, file);
      // Waits for the write: the process exits right after the command.
      const print = (s: string) => new Promise<void>((resolve) => process.stdout.write(`${s}\n`, () => resolve()));
      if (opts.json) return await print(JSON.stringify(draft, null, 2));
      const tree = (nodes: typeof draft.sections, depth = 0): string[] =>
        nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.code ? `${n.code} ` : ''}${n.text.split('\n')[0]!.slice(0, 100)}${n.maxPoints !== undefined ? ` (${n.maxPoints} điểm)` : ''}`, ...tree(n.children, depth + 1)]);
      await print(
        [
          `${draft.documentType ?? 'Văn bản'} ${draft.number ?? '…'}/${draft.code ?? '…'} — ${draft.issuer ?? '(không rõ cơ quan ban hành)'}`,
          `${draft.place ?? '…'}, ${draft.date ?? '(không rõ ngày)'}: ${draft.title ?? '(không rõ tiêu đề)'}`,
          '',
          `Tiêu chí tập thể / collective criteria (${draft.criteria.collective.length}):`,
          ...tree(draft.criteria.collective, 1),
          `Tiêu chí cá nhân / individual criteria (${draft.criteria.individual.length}):`,
          ...tree(draft.criteria.individual, 1),
          `Mốc / milestones: ${draft.milestones.map((m) => `${m.year} ${m.kind}`).join(', ') || '—'}`,
          `Hạn báo cáo / deadlines: ${draft.deadlines.map((d) => `${d.day}/${d.month} (${d.period}${d.recipient ? ` → ${d.recipient}` : ''})`).join(', ') || '—'}`,
          `Hình thức khen thưởng / award forms: ${draft.awardForms.join('; ') || '—'}`,
          '',
          `Cảnh báo / warnings (${draft.warnings.length}):`,
          ...draft.warnings.map((w) => `  ${w}`),
          '',
          'Dùng --json để xem toàn bộ / use --json for everything.',
        ].join('\n'),
      );
    } catch (err) {
      if (!(err instanceof PlanFileError)) throw err;
      console.error(err.message);
      process.exitCode = 1;
    }
  });

const awardsCommand = program.command('awards').description('Commendation (Khen thưởng)');
awardsCommand
  .command('check')
  .description('Judge one subject for one award from a JSON file: each condition met or not, its citation, and the bonus (Xét điều kiện khen thưởng); no database needed')
  .argument('<file>', 'JSON: { award, subject, year, proposedOn, decidedOn?, history, members? } (docs/awards-check.md)')
  .option('--json', 'print the answer as JSON')
  .action(async (file: string, opts: { json?: boolean }) => {
    const fs = await import('node:fs');
    const { checkAwardFile, CheckFileError, describeResult } = await import('./modules/awards/check-file.js');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      console.error(`Không đọc được tệp / cannot read the file: ${file}`);
      process.exitCode = 1;
      return;
    }
    try {
      const result = checkAwardFile(text);
      const out = opts.json ? JSON.stringify(result, null, 2) : describeResult(result);
      await new Promise<void>((resolve) => process.stdout.write(`${out}\n`, () => resolve()));
    } catch (err) {
      if (!(err instanceof CheckFileError)) throw err;
      console.error(err.problems.join('\n'));
      process.exitCode = 1;
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // The embedded database could not start (its port taken…): the operator needs the words, not a stack.
  if (!(err instanceof EmbeddedStartError)) throw err;
  console.error(`\n  ${err.message.replaceAll('\n', '\n  ')}\n`);
  process.exit(1);
}
// A one-shot command ends here, with its own exit code, even if a pool or timer still holds the loop.
if (!serving) process.exit(Number(process.exitCode ?? 0));
