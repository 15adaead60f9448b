import type { CreateDisciplineBody, DisciplineForm, DisciplineList, DisciplineView, RevokeDisciplineBody } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import { vietnamDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { canRecordDiscipline, canViewAssessment } from './assessments.policy.js';
import { disciplinesRepository as repo, type DisciplineRow } from './disciplines.repository.js';

// Discipline (kỷ luật) decided for a person. In the year of its decision it caps the person's
// classification at Không đạt when the council finalises (assessments.rules.ts). An assessment that
// is already final is not changed by a later record: the council reopens it if it must.

/** The earliest decision date accepted: older records belong to no assessment this system holds. */
const EARLIEST = '1990-01-01';

export function toDisciplineView(actor: Actor, d: DisciplineRow): DisciplineView {
  return {
    id: d.id,
    personId: d.person_id,
    personName: d.person_name,
    unitId: d.unit_id,
    unitName: d.unit_name,
    form: d.form as DisciplineForm,
    decidedOn: d.decided_on,
    decisionNumber: d.decision_number,
    reason: d.reason,
    createdAt: new Date(d.created_at).toISOString(),
    revokedAt: d.revoked_at ? new Date(d.revoked_at).toISOString() : null,
    revokedReason: d.revoked_reason,
    allowed: d.revoked_at === null && canRecordDiscipline(actor, d.unit_path, d.person_id) ? ['revoke'] : [],
  };
}

/** Who may read a person's discipline: the person, and those who read the unit's assessments. */
const canRead = (actor: Actor, personId: number, unitPath: string) => canViewAssessment(actor, { subject: 'individual', stage: 'self', unitPath, personId });

function snapshot(d: DisciplineRow) {
  return { personId: d.person_id, unitId: d.unit_id, form: d.form, decidedOn: d.decided_on, decisionNumber: d.decision_number, reason: d.reason, revokedAt: d.revoked_at, revokedReason: d.revoked_reason };
}

/** Records a discipline for a person of a unit where the actor holds discipline.write. */
export async function recordDiscipline(ctx: AppContext, actor: Actor, input: CreateDisciplineBody): Promise<DisciplineView> {
  const person = await repo.findPerson(ctx.db, input.personId);
  if (!person || !can(actor, 'unit.read', person.unit_path)) throw new AppError('NOT_FOUND');
  if (!canRecordDiscipline(actor, person.unit_path, person.id)) throw new AppError('FORBIDDEN');
  const today = vietnamDate(ctx.now());
  if (input.decidedOn < EARLIEST || input.decidedOn > today) {
    throw new AppError('VALIDATION_FAILED', undefined, [
      fieldEntry('decidedOn', 'Ngày quyết định phải từ 01/01/1990 đến hôm nay', 'The decision date must be between 01/01/1990 and today'),
    ]);
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insert(trx, {
      person_id: person.id,
      unit_id: person.unit_id,
      form: input.form,
      decided_on: input.decidedOn,
      decision_number: input.decisionNumber ?? null,
      reason: input.reason.trim(),
      created_by: actor.userId,
    });
    const created = await repo.find(trx, newId);
    await writeAudit(trx, auditContextOf(actor), { action: 'discipline.create', entity: 'discipline', entityId: newId, unitId: person.unit_id, after: snapshot(created!) });
    return newId;
  });
  return toDisciplineView(actor, (await repo.find(ctx.db, id))!);
}

/** A person's discipline records, revoked ones included. */
export async function listDisciplines(ctx: AppContext, actor: Actor, personId: number): Promise<DisciplineList> {
  const person = await repo.findPerson(ctx.db, personId);
  if (!person || !canRead(actor, person.id, person.unit_path)) throw new AppError('NOT_FOUND');
  const rows = await repo.ofPerson(ctx.db, personId);
  return { items: rows.map((d) => toDisciplineView(actor, d)) };
}

/** Revokes (hủy) a discipline recorded in error or annulled; it then caps nothing. */
export async function revokeDiscipline(ctx: AppContext, actor: Actor, id: number, input: RevokeDisciplineBody): Promise<DisciplineView> {
  const d = await repo.find(ctx.db, id);
  if (!d || !can(actor, 'unit.read', d.unit_path)) throw new AppError('NOT_FOUND');
  if (!canRecordDiscipline(actor, d.unit_path, d.person_id)) throw new AppError('FORBIDDEN');
  if (d.revoked_at !== null) throw new AppError('DISCIPLINE_REVOKED', { disciplineId: id });
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lock(trx, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.revoked_at !== null) throw new AppError('DISCIPLINE_REVOKED', { disciplineId: id });
    await repo.revoke(trx, id, input.reason.trim(), ctx.now());
    const after = await repo.find(trx, id);
    await writeAudit(trx, auditContextOf(actor), { action: 'discipline.revoke', entity: 'discipline', entityId: id, unitId: d.unit_id, before: snapshot(d), after: snapshot(after!) });
  });
  return toDisciplineView(actor, (await repo.find(ctx.db, id))!);
}
