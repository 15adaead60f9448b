import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Tx } from './database.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  action: string; // e.g. unit.create, person.transfer, auth.sign_in
  entity: string; // table-like name: unit, person, user, role_grant, block
  entityId: string | number | null;
  /** The unit whose subtree this record belongs to: scopes who may read the entry. */
  unitId: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  userId: number | null;
  name: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function auditContextOf(actor: Actor | null, ip: string | null = null, userAgent: string | null = null): AuditContext {
  return actor
    ? { userId: actor.userId, name: actor.displayName, ip: actor.ip, userAgent: actor.userAgent }
    : { userId: null, name: null, ip, userAgent };
}

/** JSON with sorted keys, so the hash is the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface HashedFields {
  at: Date;
  actor_user_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export function entryHash(prevHash: string | null, f: HashedFields): string {
  const body = canonicalJson([f.at.toISOString(), f.actor_user_id, f.action, f.entity, f.entity_id, f.unit_id, f.before ?? null, f.after ?? null, f.ip]);
  return createHash('sha256').update(`${prevHash ?? ''}|${body}`).digest('hex');
}

// One lock serialises appends so the chain has no forks; it is held only to the end of the writing transaction.
const AUDIT_LOCK = 7_357_001;

/** Appends entries to the audit chain inside the caller's transaction. */
export async function writeAudit(trx: Tx, ctx: AuditContext, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  // The entry's time is the database's (the writing transaction's start), not the app clock's: the
  // audit log records when a write really happened, whatever day a test pins for the rules.
  const { rows: head } = await sql<{ at: Date; hash: string | null }>`select now() as at, (select hash from audit_log order by id desc limit 1) as hash`.execute(trx);
  let prev = head[0]!.hash;
  const unitIds = [...new Set(list.map((e) => e.unitId).filter((id): id is number => id !== null))];
  const paths = unitIds.length
    ? new Map((await trx.selectFrom('units').select(['id', 'path']).where('id', 'in', unitIds).execute()).map((u) => [u.id, u.path]))
    : new Map<number, string>();
  const at = head[0]!.at;
  const rows = list.map((e) => {
    // Round-trip through JSON so the hash covers exactly what jsonb will hold.
    const before = e.before === undefined ? null : JSON.parse(JSON.stringify(e.before));
    const after = e.after === undefined ? null : JSON.parse(JSON.stringify(e.after));
    const fields: HashedFields = {
      at,
      actor_user_id: ctx.userId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId === null ? null : String(e.entityId),
      unit_id: e.unitId,
      before,
      after,
      ip: ctx.ip,
    };
    const hash = entryHash(prev, fields);
    const row = {
      ...fields,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      actor_name: ctx.name,
      user_agent: ctx.userAgent,
      unit_path: e.unitId === null ? null : (paths.get(e.unitId) ?? null),
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  await trx.insertInto('audit_log').values(rows).execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  problem: string | null;
}

/** Walks the whole chain in id order; any edited, inserted or deleted row breaks it. */
export async function verifyAuditChain(db: Database, batch = 5000): Promise<VerifyResult> {
  let prev: string | null = null;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_user_id', 'action', 'entity', 'entity_id', 'unit_id', 'before', 'after', 'ip', 'prev_hash', 'hash'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prev_hash !== prev) {
        return { ok: false, checked, firstBrokenId: r.id, problem: 'prev_hash does not match the previous entry (a row was removed or reordered)' };
      }
      const expected = entryHash(prev, { ...r, at: new Date(r.at) });
      if (expected !== r.hash) {
        return { ok: false, checked, firstBrokenId: r.id, problem: 'the entry was changed after it was written' };
      }
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
  return { ok: true, checked, firstBrokenId: null, problem: null };
}
