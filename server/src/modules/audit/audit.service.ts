import { permissions, type AuditEntryView, type auditPage, type auditVerifyResponse, type listAuditQuery } from '@thidua/contracts';
import type { z } from 'zod';
import { requireAccess } from '../../platform/access.js';
import { isSystemAdmin, visibleRoots, type Actor } from '../../platform/actor.js';
import { verifyAuditChain } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { assertDateInRange, assertStorableText } from '../org/input.js';
import { auditRepository as repo } from './audit.repository.js';

type ListAuditQuery = z.output<typeof listAuditQuery>;
type AuditPage = z.output<typeof auditPage>;
type AuditVerifyResponse = z.output<typeof auditVerifyResponse>;

/** The subtrees where the actor holds audit.read: a viewer's grant elsewhere must not widen them. */
function auditRoots(actor: Actor): string[] {
  const readers = permissions['audit.read'];
  return visibleRoots({ ...actor, grants: actor.grants.filter((g) => readers.includes(g.role)) });
}

/** The audit log (nhật ký) within the actor's subtrees, newest first. */
export async function listAudit(ctx: AppContext, actor: Actor, query: ListAuditQuery): Promise<AuditPage> {
  const scopes = auditRoots(actor);
  if (scopes.length === 0) throw new AppError('FORBIDDEN');
  assertStorableText({ entity: query.entity, entityId: query.entityId, action: query.action });
  // Any real day is a fine bound for a search; only what PostgreSQL cannot hold is refused.
  assertDateInRange('from', query.from, '0001-01-01', '9999-12-31');
  assertDateInRange('to', query.to, '0001-01-01', '9999-12-31');
  let within: string | undefined;
  if (query.unitId !== undefined) {
    const unit = await repo.unitPath(ctx.db, query.unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'audit.read', unit.path);
    within = unit.path;
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new AppError('VALIDATION_FAILED', undefined, [
      fieldEntry('to', 'Ngày kết thúc trước ngày bắt đầu', 'The end date is before the start date'),
    ]);
  }
  const filter = {
    scopes,
    includeUnscoped: isSystemAdmin(actor),
    within,
    actorUserId: query.actorUserId,
    entity: query.entity || undefined,
    entityId: query.entityId || undefined,
    actionPrefix: query.action || undefined,
    from: query.from,
    to: query.to,
  };
  const offset = (query.page - 1) * query.pageSize;
  const [rows, total] = await Promise.all([repo.page(ctx.db, filter, offset, query.pageSize), repo.count(ctx.db, filter)]);
  const items: AuditEntryView[] = rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** Walks the whole hash chain: only a system administrator may, as it reads every entry. */
export async function verifyChain(ctx: AppContext, actor: Actor): Promise<AuditVerifyResponse> {
  if (!isSystemAdmin(actor)) throw new AppError('FORBIDDEN');
  return verifyAuditChain(ctx.db);
}
