import { errorTable, importMaxBytes, importRowError, type ImportJobView, type ImportKind, type ImportRowError } from '@thidua/contracts';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit, type AuditContext } from '../../platform/audit.js';
import { vietnamDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, Executor } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { detectFormat, estimateDataRows, readRows, type FileFormat, type SheetRow } from './imports.files.js';
import { runPeopleImport } from './imports.people.js';
import { runRecordsImport } from './imports.records.js';
import type { ImportPrincipal, RunOptions, RunResult } from './imports.pipeline.js';
import { canImport, canSeeImport, importGrants } from './imports.policy.js';
import { importsRepository as repo } from './imports.repository.js';
import { toImportJobView } from './imports.schemas.js';
import { buildTemplate, templateFileNames } from './imports.templates.js';
import { runUnitsImport } from './imports.units.js';

declare module '../../platform/jobs.js' {
  interface JobQueues {
    'import-validate': { importJobId: number };
    'import-commit': { importJobId: number; onlyGoodRows: boolean };
  }
}

interface Logger {
  error(obj: object, msg: string): void;
}

/** Largest file accepted: 100,000 people take about 6 MB as XLSX and 11 MB as CSV. */
export const IMPORT_MAX_BYTES = importMaxBytes;
export const CLI_AUDIT_NAME = 'thidua CLI';

type Runner = (db: Executor, who: ImportPrincipal, rows: AsyncIterable<SheetRow>, opts: RunOptions) => Promise<RunResult>;
const runners: Record<ImportKind, Runner> = { people: runPeopleImport, units: runUnitsImport, records: runRecordsImport };


const contentTypes: Record<FileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A template (tệp mẫu) whose example row names a unit the actor may import into. */
export async function importTemplate(ctx: AppContext, actor: Actor, kind: ImportKind, format: FileFormat) {
  const grant = importGrants(actor, kind)[0] ?? actor.grants[0];
  const [unit] = await repo.unitCodesByIds(ctx.db, grant ? [grant.unitId] : []);
  const body = await buildTemplate(kind, format, unit?.code ?? 'MA-DON-VI');
  return { fileName: `${templateFileNames[kind]}.${format}`, contentType: contentTypes[format], body };
}

/** Stores the uploaded file and queues its dry run; answers at once with status 'validating'. */
export async function startImport(ctx: AppContext, actor: Actor, kind: ImportKind, upload: { fileName: string; bytes: Buffer }): Promise<ImportJobView> {
  if (!canImport(actor, kind)) throw new AppError('FORBIDDEN');
  detectFormat(upload.fileName, upload.bytes);
  const job = await repo.createJob(ctx.db, { kind, fileName: upload.fileName.slice(0, 255), file: upload.bytes, createdBy: actor.userId });
  await ctx.jobs.send('import-validate', { importJobId: job.id });
  return toImportJobView(job);
}

async function visibleJob(ctx: AppContext, actor: Actor, id: number) {
  const job = await repo.findJob(ctx.db, id);
  if (!job || !canSeeImport(actor, job)) throw new AppError('NOT_FOUND');
  return job;
}

/** The job's status and progress; only its creator sees it. */
export async function getImport(ctx: AppContext, actor: Actor, id: number): Promise<ImportJobView> {
  return toImportJobView(await visibleJob(ctx, actor, id));
}

/**
 * Queues the writing of a validated import. With bad rows the user must ask for the good rows
 * only; otherwise IMPORT_HAS_ERRORS and nothing is written.
 */
export async function commitImport(ctx: AppContext, actor: Actor, id: number, input: { onlyGoodRows: boolean }): Promise<ImportJobView> {
  const job = await visibleJob(ctx, actor, id);
  if (job.status !== 'validated') throw new AppError('IMPORT_NOT_READY', { status: job.status });
  if ((job.bad_rows > 0 && !input.onlyGoodRows) || job.good_rows === 0) {
    throw new AppError('IMPORT_HAS_ERRORS', { badRows: job.bad_rows, goodRows: job.good_rows });
  }
  // Only one commit wins a double click or two tabs: the status moves once.
  if (!(await repo.transition(ctx.db, id, 'validated', 'importing'))) throw new AppError('IMPORT_NOT_READY');
  try {
    await ctx.jobs.send('import-commit', { importJobId: id, onlyGoodRows: input.onlyGoodRows });
  } catch (err) {
    await repo.transition(ctx.db, id, 'importing', 'validated');
    throw err;
  }
  return toImportJobView((await repo.findJob(ctx.db, id))!);
}

// ── Background jobs ─────────────────────────────────────────────────────

/**
 * A job runs outside any request, possibly in another process: the uploader's current grants
 * stand in for the session, so a role withdrawn meanwhile also stops the import.
 */
async function principalOf(db: Database, userId: number): Promise<ImportPrincipal> {
  const user = await repo.findUser(db, userId);
  if (!user || !user.is_active) throw new AppError('ACCOUNT_DISABLED');
  const grants = await repo.grantsOf(db, userId);
  return {
    actor: { userId: user.id, username: user.username, displayName: user.display_name, personId: user.person_id, sessionId: '', csrfToken: '', mfaEnabled: true, grants, ip: null, userAgent: null },
  };
}

const errorsDetail = z.array(importRowError);

function failureOf(err: unknown, log: Logger): { failure: string; errors?: ImportRowError[] } {
  const nothing = 'Chưa có dữ liệu nào được ghi.';
  if (err instanceof AppError) {
    const reason = err.details?.reason;
    const errors = errorsDetail.safeParse(err.details?.errors);
    return { failure: typeof reason === 'string' ? reason : `${errorTable[err.code].vi}. ${nothing}`, ...(errors.success && { errors: errors.data }) };
  }
  if ((err as { code?: string }).code === '23505') {
    return { failure: `Có mã vừa được người khác thêm vào hệ thống trong lúc nhập. ${nothing} Vui lòng tải tệp lên lại để kiểm tra.` };
  }
  log.error({ err }, 'import job failed');
  return { failure: `Lỗi hệ thống khi xử lý tệp. ${nothing} Vui lòng thử lại sau.` };
}

/** The dry run (kiểm tra thử): reads every row, writes nothing but the job's progress and findings. */
export async function validateImportJob(ctx: AppContext, data: { importJobId: number }, log: Logger): Promise<void> {
  const id = data.importJobId;
  const job = await repo.findJob(ctx.db, id);
  // Another process finished it, or this is a retry of a job already settled.
  if (!job || job.status !== 'validating') return;
  try {
    const who = await principalOf(ctx.db, job.created_by);
    const stored = await repo.findJobFile(ctx.db, id);
    if (!stored?.file) throw new AppError('FILE_INVALID');
    const format = detectFormat(stored.file_name, stored.file);
    const estimate = await estimateDataRows(format, stored.file);
    await repo.updateJob(ctx.db, id, { totalRows: estimate, processedRows: 0 });
    const kind = job.kind as ImportKind;
    const result = await runners[kind](ctx.db, who, readRows(format, stored.file), {
      mode: 'validate',
      onlyGoodRows: true,
      today: vietnamDate(ctx.now()),
      onProgress: (p) => repo.updateJob(ctx.db, id, { processedRows: p.processed, totalRows: Math.max(estimate, p.processed) }).then(() => undefined),
    });
    if (result.totalRows === 0) {
      throw new AppError('FILE_INVALID', { reason: 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề', reasonEn: 'The file has no data rows under the header' });
    }
    await repo.updateJob(ctx.db, id, {
      status: 'validated',
      totalRows: result.totalRows,
      processedRows: result.totalRows,
      goodRows: result.goodRows,
      badRows: result.badRows,
      errors: result.errors,
    });
  } catch (err) {
    const f = failureOf(err, log);
    await repo.updateJob(ctx.db, id, { status: 'failed', failure: f.failure, ...(f.errors && { errors: f.errors }) });
  }
}

function auditContextFor(who: ImportPrincipal): AuditContext {
  return who.actor ? auditContextOf(who.actor) : { userId: null, name: CLI_AUDIT_NAME, ip: null, userAgent: null };
}

/**
 * Validates again and writes, all in one transaction: the import lands whole or not at all, so a
 * failure never leaves half a file behind and a retried job starts from a clean slate. Batches of
 * CHUNK_ROWS keep each statement small; progress is written outside the transaction so that
 * others see it. One audit entry covers the whole import.
 */
async function commitInTransaction(
  db: Database,
  who: ImportPrincipal,
  kind: ImportKind,
  file: { name: string; bytes: Buffer },
  opts: { jobId: number | null; onlyGoodRows: boolean; onProgress: RunOptions['onProgress']; today: string },
): Promise<RunResult | null> {
  const format = detectFormat(file.name, file.bytes);
  return db.transaction().execute(async (trx) => {
    if (opts.jobId !== null) {
      // pg-boss may hand an expired job to a second process: the lock lets only one write it.
      if (!(await repo.tryLockJob(trx, opts.jobId))) return null;
      const current = await repo.findJob(trx, opts.jobId);
      if (current?.status !== 'importing') return null;
    }
    const result = await runners[kind](trx, who, readRows(format, file.bytes), { mode: 'commit', onlyGoodRows: opts.onlyGoodRows, today: opts.today, onProgress: opts.onProgress });
    const scopeUnitId = result.scopePath ? Number(result.scopePath.split('.').pop()) : (who.actor ? (importGrants(who.actor, kind)[0]?.unitId ?? null) : null);
    await writeAudit(trx, auditContextFor(who), {
      action: `import.${kind}`,
      entity: 'import_job',
      entityId: opts.jobId,
      unitId: scopeUnitId,
      after: { fileName: file.name, totalRows: result.totalRows, importedRows: result.importedRows, skippedRows: result.badRows, onlyGoodRows: opts.onlyGoodRows },
    });
    if (opts.jobId !== null) {
      // The stored file is no longer needed once its rows are in; drop it to save space.
      await repo.updateJob(trx, opts.jobId, {
        status: 'done',
        importedRows: result.importedRows,
        goodRows: result.goodRows,
        badRows: result.badRows,
        errors: result.errors,
        dropFile: true,
      });
    }
    return result;
  });
}

/** Writes a committed import (ghi dữ liệu); on failure the job says why and nothing is written. */
export async function commitImportJob(ctx: AppContext, data: { importJobId: number; onlyGoodRows: boolean }, log: Logger): Promise<void> {
  const id = data.importJobId;
  const job = await repo.findJob(ctx.db, id);
  if (!job || job.status !== 'importing') return;
  try {
    const who = await principalOf(ctx.db, job.created_by);
    const stored = await repo.findJobFile(ctx.db, id);
    if (!stored?.file) throw new AppError('FILE_INVALID');
    await commitInTransaction(ctx.db, who, job.kind as ImportKind, { name: stored.file_name, bytes: stored.file }, {
      jobId: id,
      onlyGoodRows: data.onlyGoodRows,
      onProgress: (p) => repo.updateJob(ctx.db, id, { importedRows: p.imported }).then(() => undefined),
      today: vietnamDate(ctx.now()),
    });
  } catch (err) {
    const f = failureOf(err, log);
    await repo.updateJob(ctx.db, id, { status: 'failed', failure: f.failure, importedRows: 0, ...(f.errors && { errors: f.errors }) });
  }
}

/** Declares the import queues' handlers on the job runner. */
export async function registerImportJobs(ctx: AppContext, log: Logger): Promise<void> {
  await ctx.jobs.work('import-validate', (data) => validateImportJob(ctx, data, log));
  await ctx.jobs.work('import-commit', (data) => commitImportJob(ctx, data, log));
}

// ── Command line ────────────────────────────────────────────────────────

export interface CliImportResult {
  validation: RunResult;
  /** null when nothing was written: bad rows without --only-good, or no good row at all. */
  imported: RunResult | null;
}

/**
 * The same dry run and import as the API, as a system action (thidua import-units/import-people):
 * no user, audit actor "thidua CLI", every unit in reach, and units without a parent become roots.
 */
export async function importFromCli(
  db: Database,
  kind: ImportKind,
  file: { name: string; bytes: Buffer },
  opts: { onlyGoodRows: boolean; today: string; onProgress?: (stage: 'validate' | 'commit', p: { processed: number; imported: number }) => void },
): Promise<CliImportResult> {
  const who: ImportPrincipal = { actor: null };
  const format = detectFormat(file.name, file.bytes);
  const report = (stage: 'validate' | 'commit') => async (p: { processed: number; imported: number }) => opts.onProgress?.(stage, p);
  const validation = await runners[kind](db, who, readRows(format, file.bytes), { mode: 'validate', onlyGoodRows: true, today: opts.today, onProgress: report('validate') });
  if ((validation.badRows > 0 && !opts.onlyGoodRows) || validation.goodRows === 0) return { validation, imported: null };
  const imported = await commitInTransaction(db, who, kind, file, { jobId: null, onlyGoodRows: opts.onlyGoodRows, onProgress: report('commit'), today: opts.today });
  return { validation, imported };
}
