import fs from 'node:fs';
import type { Readable } from 'node:stream';
import {
  evidenceUploadFields,
  type AddEvidenceLinkBody,
  type AddEvidenceNoteBody,
  type AssessmentStage,
  type CriterionSubject,
  type EvidenceGroup,
  type EvidenceKind,
  type EvidenceList,
  type EvidenceView,
} from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/database.js';
import { AppError, fieldEntry, validationError } from '../../platform/errors.js';
import { evidenceStorage, newStorageKey, StorageMissingError, type StorageKind } from '../../platform/storage.js';
import type { AssessmentRef } from '../assessments/assessments.policy.js';
import { checkStagedFile, isImageType, type StagedFile } from './evidence.files.js';
import { canAddEvidence, canDeleteEvidence, canViewEvidence } from './evidence.policy.js';
import { evidenceRepository as repo, type AssessmentRow, type CriterionRow, type EvidenceRow, type NewEvidence } from './evidence.repository.js';

// ── Access ─────────────────────────────────────────────────────────────

function refOf(a: AssessmentRow): AssessmentRef {
  return { subject: a.subject as CriterionSubject, stage: a.stage as AssessmentStage, unitPath: a.unit_path, personId: a.person_id };
}

/** Hidden or unknown → 404 (the two look the same). */
async function visibleAssessment(db: Executor, actor: Actor, id: number, lock = false): Promise<AssessmentRow> {
  const a = await repo.findAssessment(db, id, lock);
  if (!a || !canViewEvidence(actor, refOf(a))) throw new AppError('NOT_FOUND');
  return a;
}

/** Visible, not final (409), held by the actor (403). */
function requireAdd(actor: Actor, a: AssessmentRow): void {
  if (a.stage === 'final') throw new AppError('ASSESSMENT_LOCKED');
  if (!canAddEvidence(actor, refOf(a))) throw new AppError('FORBIDDEN');
}

function invalid(path: string, vi: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [fieldEntry(path, vi, en)]);
}

/** The criterion must be one of the assessment's plan, for the assessment's kind of subject, and not dropped. */
async function checkCriterion(db: Executor, a: AssessmentRow, criterionId: number | null | undefined): Promise<number | null> {
  if (criterionId === null || criterionId === undefined) return null;
  const c = await repo.findCriterion(db, a.plan_id, criterionId);
  if (!c) throw invalid('criterionId', 'Tiêu chí không thuộc kế hoạch của phiếu đánh giá này', 'The criterion is not in this assessment’s plan');
  if (c.subject !== a.subject) {
    throw invalid('criterionId', 'Tiêu chí này dành cho đối tượng khác (tập thể / cá nhân)', 'The criterion is for the other kind of subject (collective / individual)');
  }
  if (c.dropped_reason !== null) throw invalid('criterionId', 'Tiêu chí đã bị bỏ khỏi kế hoạch', 'The criterion was dropped from the plan');
  return c.id;
}

// ── Views ──────────────────────────────────────────────────────────────

function toView(e: EvidenceRow, actor: Actor, a: AssessmentRow): EvidenceView {
  const hasFile = e.storage_key !== null;
  return {
    id: e.id,
    assessmentId: e.assessment_id,
    criterionId: e.criterion_id,
    kind: e.kind as EvidenceKind,
    fileName: e.file_name,
    contentType: e.content_type,
    sizeBytes: e.size_bytes,
    sha256: e.sha256,
    url: e.url,
    note: e.note,
    fileUrl: hasFile ? `/api/evidence/${e.id}/file` : null,
    isImage: hasFile && isImageType(e.content_type),
    createdBy: e.created_by === null ? null : { id: e.created_by, name: e.created_by_name ?? '' },
    createdAt: new Date(e.created_at).toISOString(),
    canDelete: canDeleteEvidence(actor, refOf(a), e.created_by),
  };
}

/** Criteria ids in the plan's reading order: each after its parent, siblings by position. */
function treeOrder(criteria: CriterionRow[]): Map<number, number> {
  const children = new Map<number | null, CriterionRow[]>();
  for (const c of criteria) children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c]);
  const order = new Map<number, number>();
  const walk = (parent: number | null) => {
    for (const c of children.get(parent) ?? []) {
      order.set(c.id, order.size);
      walk(c.id);
    }
  };
  walk(null);
  return order;
}

/** What the audit log keeps of a piece of evidence: enough to tell which file it was. */
function snapshot(e: Pick<NewEvidence, 'assessment_id' | 'criterion_id' | 'kind' | 'file_name' | 'content_type' | 'size_bytes' | 'sha256' | 'storage' | 'url' | 'note'>) {
  return {
    assessmentId: e.assessment_id,
    criterionId: e.criterion_id,
    kind: e.kind,
    fileName: e.file_name,
    contentType: e.content_type,
    sizeBytes: e.size_bytes,
    sha256: e.sha256,
    storage: e.storage,
    url: e.url,
    note: e.note,
  };
}

// ── Reading ────────────────────────────────────────────────────────────

/** An assessment's evidence, grouped by criterion in the plan's order, general evidence first. */
export async function listEvidence(ctx: AppContext, actor: Actor, assessmentId: number): Promise<EvidenceList> {
  const a = await visibleAssessment(ctx.db, actor, assessmentId);
  const [rows, criteria] = await Promise.all([repo.listForAssessment(ctx.db, a.id), repo.criteria(ctx.db, a.plan_id)]);
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const order = treeOrder(criteria);
  const groups = new Map<number | null, EvidenceGroup>();
  for (const e of rows) {
    let g = groups.get(e.criterion_id);
    if (!g) {
      const c = e.criterion_id === null ? undefined : byId.get(e.criterion_id);
      g = { criterionId: e.criterion_id, criterionCode: c?.code ?? null, criterionText: c?.text ?? null, items: [] };
      groups.set(e.criterion_id, g);
    }
    g.items.push(toView(e, actor, a));
  }
  const rank = (id: number | null) => (id === null ? -1 : (order.get(id) ?? Number.MAX_SAFE_INTEGER));
  return {
    assessmentId: a.id,
    stage: a.stage as AssessmentStage,
    canAdd: canAddEvidence(actor, refOf(a)),
    maxBytes: ctx.config.evidenceMaxBytes,
    total: rows.length,
    groups: [...groups.values()].sort((x, y) => rank(x.criterionId) - rank(y.criterionId)),
  };
}

export interface EvidenceFile {
  stream: Readable;
  fileName: string;
  contentType: string;
  size: number | null;
  inline: boolean;
}

/** The stored file of one piece of evidence, for whoever may read its assessment. */
export async function openEvidenceFile(ctx: AppContext, actor: Actor, evidenceId: number): Promise<EvidenceFile> {
  const e = await repo.find(ctx.db, evidenceId);
  if (!e) throw new AppError('NOT_FOUND');
  await visibleAssessment(ctx.db, actor, e.assessment_id);
  if (!e.storage_key || !e.storage) throw new AppError('NOT_FOUND');
  const store = evidenceStorage(ctx.config).of(e.storage as StorageKind);
  if (!store) throw new AppError('SERVICE_UNAVAILABLE', { reason: 'Kho lưu trữ S3 của tệp này chưa được cấu hình', reasonEn: 'The S3 storage holding this file is not configured' });
  try {
    const stream = await store.get(e.storage_key);
    const contentType = e.content_type ?? 'application/octet-stream';
    return { stream, fileName: e.file_name ?? `minh-chung-${e.id}`, contentType, size: e.size_bytes, inline: isImageType(contentType) };
  } catch (err) {
    if (err instanceof StorageMissingError) {
      throw new AppError('NOT_FOUND', { reason: 'Tệp không còn trong kho lưu trữ', reasonEn: 'The file is missing from storage' });
    }
    throw err;
  }
}

// ── Adding ─────────────────────────────────────────────────────────────

/** Inserts the row and its audit entry, after checking once more under a lock that the assessment is still open. */
async function insertEvidence(ctx: AppContext, actor: Actor, row: NewEvidence): Promise<number> {
  return ctx.db.transaction().execute(async (trx: Tx) => {
    const a = await visibleAssessment(trx, actor, row.assessment_id, true);
    requireAdd(actor, a);
    const id = await repo.insert(trx, row, ctx.now());
    await writeAudit(trx, auditContextOf(actor), { action: 'evidence.add', entity: 'evidence', entityId: id, unitId: a.unit_id, after: snapshot(row) });
    return id;
  });
}

async function viewOf(ctx: AppContext, actor: Actor, id: number): Promise<EvidenceView> {
  const e = (await repo.find(ctx.db, id))!;
  const a = (await repo.findAssessment(ctx.db, e.assessment_id))!;
  return toView(e, actor, a);
}

/**
 * Attaches an uploaded file or phone photo. The access check comes before the upload is read;
 * then the fields, the criterion and the bytes are checked, and only a file that passes is
 * stored. A refused upload leaves no file and no row.
 */
export async function addFileEvidence(
  ctx: AppContext,
  actor: Actor,
  assessmentId: number,
  receive: (stagingDir: string, maxBytes: number) => Promise<{ file: StagedFile | null; fields: Record<string, string> }>,
): Promise<EvidenceView> {
  const a = await visibleAssessment(ctx.db, actor, assessmentId);
  requireAdd(actor, a);
  const storage = evidenceStorage(ctx.config);
  const { file, fields } = await receive(storage.stagingDir, ctx.config.evidenceMaxBytes);
  try {
    if (!file) throw new AppError('FILE_INVALID', { reason: 'Chưa chọn tệp (trường "file")', reasonEn: 'No file was sent (field "file")' });
    const parsed = evidenceUploadFields.safeParse(fields);
    if (!parsed.success) {
      throw validationError(parsed.error.issues, fields);
    }
    const criterionId = await checkCriterion(ctx.db, a, parsed.data.criterionId);
    const checked = await checkStagedFile(file);
    if (parsed.data.kind === 'photo' && !checked.isImage) {
      throw invalid('kind', 'Ảnh chụp phải là tệp ảnh (JPEG, PNG, WebP, HEIC)', 'A photo must be an image file (JPEG, PNG, WebP, HEIC)');
    }
    const key = newStorageKey();
    const row: NewEvidence = {
      assessment_id: a.id,
      plan_id: a.plan_id,
      criterion_id: criterionId,
      kind: parsed.data.kind,
      file_name: checked.fileName,
      content_type: checked.contentType,
      size_bytes: file.size,
      sha256: file.sha256,
      storage: storage.current.kind,
      storage_key: key,
      url: null,
      note: parsed.data.note ?? null,
      created_by: actor.userId,
    };
    await storage.current.put(key, fs.createReadStream(file.path), { size: file.size, contentType: checked.contentType });
    let id: number;
    try {
      id = await insertEvidence(ctx, actor, row);
    } catch (err) {
      // The row was refused (finalised meanwhile, or the database failed): take the file back.
      await storage.current.delete(key).catch(() => undefined);
      throw err;
    }
    return viewOf(ctx, actor, id);
  } finally {
    await file?.dispose();
  }
}

/** Attaches a web link (http/https only). */
export async function addLinkEvidence(ctx: AppContext, actor: Actor, assessmentId: number, input: AddEvidenceLinkBody): Promise<EvidenceView> {
  const a = await visibleAssessment(ctx.db, actor, assessmentId);
  requireAdd(actor, a);
  const criterionId = await checkCriterion(ctx.db, a, input.criterionId);
  const id = await insertEvidence(ctx, actor, {
    assessment_id: a.id,
    plan_id: a.plan_id,
    criterion_id: criterionId,
    kind: 'link',
    file_name: null,
    content_type: null,
    size_bytes: null,
    sha256: null,
    storage: null,
    storage_key: null,
    url: input.url,
    note: input.note ?? null,
    created_by: actor.userId,
  });
  return viewOf(ctx, actor, id);
}

/** Attaches a written note. */
export async function addNoteEvidence(ctx: AppContext, actor: Actor, assessmentId: number, input: AddEvidenceNoteBody): Promise<EvidenceView> {
  const a = await visibleAssessment(ctx.db, actor, assessmentId);
  requireAdd(actor, a);
  const criterionId = await checkCriterion(ctx.db, a, input.criterionId);
  const id = await insertEvidence(ctx, actor, {
    assessment_id: a.id,
    plan_id: a.plan_id,
    criterion_id: criterionId,
    kind: 'note',
    file_name: null,
    content_type: null,
    size_bytes: null,
    sha256: null,
    storage: null,
    storage_key: null,
    url: null,
    note: input.note,
    created_by: actor.userId,
  });
  return viewOf(ctx, actor, id);
}

// ── Removing ───────────────────────────────────────────────────────────

/**
 * Removes a piece of evidence from the assessment (soft delete: the row and the file stay for the
 * audit trail). Only while the assessment is not final, by its uploader or the current holder.
 */
export async function deleteEvidence(ctx: AppContext, actor: Actor, evidenceId: number): Promise<{ ok: true }> {
  await ctx.db.transaction().execute(async (trx) => {
    const e = await repo.find(trx, evidenceId);
    if (!e) throw new AppError('NOT_FOUND');
    const a = await visibleAssessment(trx, actor, e.assessment_id, true);
    if (a.stage === 'final') throw new AppError('ASSESSMENT_LOCKED');
    if (!canDeleteEvidence(actor, refOf(a), e.created_by)) throw new AppError('FORBIDDEN');
    if (!(await repo.softDelete(trx, e.id, actor.userId, ctx.now()))) throw new AppError('NOT_FOUND');
    await writeAudit(trx, auditContextOf(actor), {
      action: 'evidence.delete',
      entity: 'evidence',
      entityId: e.id,
      unitId: a.unit_id,
      before: snapshot(e),
    });
  });
  return { ok: true };
}
