import type { DocumentSettingsBody, DocumentSettingsView } from '@thidua/contracts';
import { allowedActions, can, requireAccess } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { settingsOfRow, unitDocumentSettings } from '../documents/unit-documents.js';
import { documentSettingsRepository as repo } from './document-settings.repository.js';
import { assertStorableText } from './input.js';
import { unitsRepository, type UnitRow } from './units.repository.js';

// A unit's document settings (thể thức văn bản): read by whoever reads the unit, kept by its head
// or emulation officer or anyone above with unit.documents; every change audited.

async function visibleUnit(db: Executor, actor: Actor, id: number): Promise<UnitRow> {
  const unit = await unitsRepository.findById(db, id);
  if (!unit || !can(actor, 'unit.read', unit.path)) throw new AppError('NOT_FOUND');
  return unit;
}

async function viewOf(db: Executor, actor: Actor, unit: UnitRow): Promise<DocumentSettingsView> {
  const s = await unitDocumentSettings(db, unit.path);
  return {
    unitId: unit.id,
    custom: s.stored !== undefined,
    settings: s.settings,
    defaults: s.defaults,
    updatedAt: s.stored ? new Date(s.stored.updated_at).toISOString() : null,
    allowed: allowedActions(actor, unit.path),
  };
}

/** What the unit's documents print, and what the organisation tree would give. */
export async function getDocumentSettings(ctx: AppContext, actor: Actor, unitId: number): Promise<DocumentSettingsView> {
  const unit = await visibleUnit(ctx.db, actor, unitId);
  return viewOf(ctx.db, actor, unit);
}

/** Stores the unit's document settings whole (the form sends them all). */
export async function saveDocumentSettings(ctx: AppContext, actor: Actor, unitId: number, input: DocumentSettingsBody): Promise<DocumentSettingsView> {
  assertStorableText({ ...input, signPrefix: input.signPrefix ?? undefined });
  const unit = await visibleUnit(ctx.db, actor, unitId);
  requireAccess(actor, 'unit.documents', unit.path);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findLocked(trx, unitId);
    await repo.upsert(
      trx,
      unitId,
      {
        governing_body: input.governingBody,
        issuing_body: input.issuingBody,
        code_suffix: input.codeSuffix,
        place: input.place,
        sign_prefix: input.signPrefix,
        sign_authority: input.signAuthority,
        signer_title: input.signerTitle,
        signer_name: input.signerName,
      },
      actor.userId,
      ctx.now(),
    );
    await writeAudit(trx, auditContextOf(actor), {
      action: 'unit.documents.update',
      entity: 'unit',
      entityId: unitId,
      unitId,
      before: before ? settingsOfRow(before) : null,
      after: input,
    });
  });
  return viewOf(ctx.db, actor, unit);
}

/** Drops the unit's own settings: its documents take the defaults from the tree again. */
export async function resetDocumentSettings(ctx: AppContext, actor: Actor, unitId: number): Promise<DocumentSettingsView> {
  const unit = await visibleUnit(ctx.db, actor, unitId);
  requireAccess(actor, 'unit.documents', unit.path);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findLocked(trx, unitId);
    // Nothing stored: nothing changes, nothing to audit.
    if (!before) return;
    await repo.remove(trx, unitId);
    await writeAudit(trx, auditContextOf(actor), { action: 'unit.documents.reset', entity: 'unit', entityId: unitId, unitId, before: settingsOfRow(before) });
  });
  return viewOf(ctx.db, actor, unit);
}
