import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type Db, tablesOf } from '../database/database.ts';
import type { AuditTables } from './migrations.ts';

export interface AuditEvent {
  /** Who did it: `person:<id>`, `api:<client>`, `system`, `cli`. */
  actor: string;
  /** Whose account it was done for, when acting under a mandate. */
  onBehalfOf?: string;
  action: string;
  subjectType: string;
  subjectId: string;
  authorityId?: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

const GENESIS = '0'.repeat(64);
// One chain for the whole platform: writers queue on this lock for the length of their transaction.
const CHAIN_LOCK = 0x6a756469; // arbitrary, fixed

/**
 * Runs `work` and records the audit event in the same transaction: the change and its trace are
 * committed together or not at all. Every sensitive write goes through here.
 */
export async function audited<T>(
  db: Db,
  event: AuditEvent | ((result: T) => AuditEvent),
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((tx) => auditedTx(tx, event, work));
}

/**
 * The form of `audited` for code already inside a transaction (`tx` from `db.transaction()`): runs
 * `work` in it and appends the event to the chain, so both commit or roll back with the caller.
 */
export async function auditedTx<T>(
  tx: Db,
  event: AuditEvent | ((result: T) => AuditEvent),
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  const result = await work(tx);
  await appendAuditEvent(tx, typeof event === 'function' ? event(result) : event);
  return result;
}

/**
 * Appends to the hash chain: each event's hash covers its content and the previous event's hash, so
 * changing or deleting a past event breaks every later link. Meant to be private — the wrappers above
 * are the way in — but payments still calls it while being converted; the architecture test
 * (tests/architecture/audited-writes.test.ts) refuses any new caller.
 */
async function appendAuditEvent(tx: Db, event: AuditEvent, now = new Date()): Promise<void> {
  await sql`select ${auditEventCall(event, now)}`.execute(tx);
}

/**
 * The form of `auditedTx` for a change made in one statement: the call that appends `event` to the
 * chain, for that statement's `select` (e.g. over an `insert … returning`, so that the event is
 * recorded for the row the insert made, and only then). Change and event commit together, and the
 * chain's lock is held from that call to the commit with no round trip to the application between.
 *
 * The previous hash is read under the lock, in the database (migration
 * 2026-12-03-41-platform-audit-append-function), which hashes what `chainHash` would: the previous
 * hash put in front of the rest of the content, made here.
 */
export function auditEventCall(event: AuditEvent, now = new Date()) {
  const row = {
    occurred_at: now,
    actor: event.actor,
    on_behalf_of: event.onBehalfOf ?? null,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    authority_id: event.authorityId ?? null,
    details: event.details ?? {},
    request_id: event.requestId ?? null,
  };
  const afterPrevious = hashedContent({ ...row, previous_hash: '' }).slice(`["",`.length);
  return sql<unknown>`audit_append(${CHAIN_LOCK}, ${row.occurred_at}, ${row.actor}, ${row.on_behalf_of},
    ${row.action}, ${row.subject_type}, ${row.subject_id}, ${row.authority_id},
    ${JSON.stringify(row.details)}::jsonb, ${row.request_id}, ${afterPrevious})`;
}

/** A point of the chain: an event's id and hash (id 0 and the genesis hash before the first event). */
export interface ChainLink {
  id: number;
  hash: string;
}

export const chainStart: ChainLink = { id: 0, hash: GENESIS };

export interface ChainWalk {
  checked: number;
  /** The last event whose content and link matched. */
  head: ChainLink;
  /** The first event after `head` whose content or link does not match. */
  brokenAt?: number;
}

/** Checks every event after `from`, in id order: each must hash to its own hash and link to the one before. */
export async function walkChain(db: Db, from: ChainLink = chainStart): Promise<ChainWalk> {
  const audit = tablesOf<AuditTables>(db);
  let head = from;
  let checked = 0;
  for (;;) {
    const batch = await audit
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', head.id)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (batch.length === 0) return { checked, head };
    for (const event of batch) {
      if (event.previous_hash !== head.hash || chainHash(event) !== event.hash) {
        return { checked, head, brokenAt: Number(event.id) };
      }
      head = { id: Number(event.id), hash: event.hash };
      checked += 1;
    }
  }
}

type Hashed = Omit<AuditTables['audit_events'], 'id' | 'hash'>;

export function chainHash(event: Hashed): string {
  return createHash('sha256').update(hashedContent(event)).digest('hex');
}

function hashedContent(event: Hashed): string {
  return canonicalJson([
    event.previous_hash,
    new Date(event.occurred_at).toISOString(),
    event.actor,
    event.on_behalf_of,
    event.action,
    event.subject_type,
    event.subject_id,
    event.authority_id,
    event.details,
    event.request_id,
  ]);
}

/** JSON with object keys sorted, so that jsonb's own key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
