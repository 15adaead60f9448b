import { permissions, type ReportOperation, type ReportStatus, type Role } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import { isSystemAdmin, isWithin, visibleRoots, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/database.js';
import { reportsRepository as repo, type ReportingScope, type ReportRow, type ReportTemplateRow } from './reports.repository.js';

// Who may do what with report templates (mẫu báo cáo) and reports (báo cáo định kỳ).
//
// A report belongs to its unit: it is WRITTEN by those holding report.write at that unit or at a unit
// below it that does not report itself (a commune's officer, or the officer of a commune office that
// files through the commune), never by someone whose grant sits above it — the recipient (đơn vị
// nhận báo cáo) reads the child's draft but may not edit it, it returns it instead. A system
// administrator may write any report in its subtree (and is audited like anyone). A report is
// REVIEWED (returned, accepted, unlocked) by report.review at the recipient unit.

/**
 * Reports the actor may read: in its subtrees, its own (an office filing through its commune writes
 * the commune's report), and those sent to a unit in its subtrees.
 */
export function canSeeReport(actor: Actor, own: Set<number>, r: Pick<ReportRow, 'unit_id' | 'unit_path' | 'recipient_unit_path'>): boolean {
  if (can(actor, 'unit.read', r.unit_path) || own.has(r.unit_id)) return true;
  return r.recipient_unit_path !== null && can(actor, 'unit.read', r.recipient_unit_path);
}

/**
 * The reporting units the actor writes for under `scope`: for each report.write grant (other than
 * system administrator), the nearest reporting unit at or above the unit it is granted at.
 */
export async function ownReportingUnitIds(db: Executor, actor: Actor, scope: ReportingScope): Promise<Set<number>> {
  const writers: Role[] = permissions['report.write'].filter((r) => r !== 'system_admin');
  const paths = [...new Set(actor.grants.filter((g) => writers.includes(g.role)).map((g) => g.unitPath))];
  const ids = new Set<number>();
  for (const p of paths) {
    const u = await repo.nearestReportingUnit(db, scope, p);
    if (u) ids.add(u.id);
  }
  return ids;
}

/** May the actor write the report of the unit (`unitId`, at `unitPath`)? */
export function canWriteReport(actor: Actor, own: Set<number>, unitId: number, unitPath: string): boolean {
  if (own.has(unitId)) return true;
  return isSystemAdmin(actor) && actor.grants.some((g) => g.role === 'system_admin' && isWithin(unitPath, g.unitPath));
}

export function canReviewReport(actor: Actor, r: Pick<ReportRow, 'recipient_unit_path'>): boolean {
  return r.recipient_unit_path !== null && can(actor, 'report.review', r.recipient_unit_path);
}

/** Draft and returned reports are edited; an accepted one only while the recipient's lock exception stands. */
export function isEditable(r: Pick<ReportRow, 'status' | 'lock_exception_at'>): boolean {
  return r.status === 'draft' || r.status === 'returned' || (r.status === 'accepted' && r.lock_exception_at !== null);
}

export function reportOperations(r: ReportRow, writer: boolean, reviewer: boolean): ReportOperation[] {
  const ops: ReportOperation[] = [];
  const status = r.status as ReportStatus;
  if (writer && isEditable(r)) ops.push('edit', 'submit', 'refresh');
  // A sent report not yet accepted can be taken back to correct it (a late child, a wrong figure).
  if (writer && status === 'submitted') ops.push('recall');
  if (reviewer && status === 'submitted') ops.push('return', 'accept');
  if (reviewer && status === 'accepted' && r.lock_exception_at === null) ops.push('grantLockException');
  return ops;
}

/** Templates shipped with the system are read by everyone; a plan's by those who see the plan. */
export function canSeeTemplate(actor: Actor, t: Pick<ReportTemplateRow, 'plan_unit_path'>): boolean {
  if (t.plan_unit_path === null) return true;
  const path = t.plan_unit_path;
  return visibleRoots(actor).some((root) => isWithin(path, root) || isWithin(root, path));
}

/** A plan's templates are written by those who write the plan; the system's by administrators. */
export function canWriteTemplate(actor: Actor, t: Pick<ReportTemplateRow, 'plan_unit_path'>): boolean {
  if (t.plan_unit_path === null) return isSystemAdmin(actor);
  return can(actor, 'plan.write', t.plan_unit_path);
}
