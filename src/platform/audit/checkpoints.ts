import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { currentKey, type MasterKey } from '../crypto/master-keys.ts';
import { type Db, tablesOf } from '../database/database.ts';
import { type ChainLink, canonicalJson, chainStart, walkChain } from './audit.ts';
import type { AuditTables } from './migrations.ts';

/**
 * A signed statement "the chain's head was event `headId` with hash `headHash`". The MAC's key is
 * derived from the master keys, which live in the application's configuration, not in the database:
 * whoever can rewrite `audit_events` cannot sign a checkpoint for the rewritten chain. Each checkpoint
 * also covers its predecessor's MAC, and every one is written to the log too, so that dropping the
 * newest checkpoints before cutting the chain shows against the log's copy (`--checkpoint`).
 */
export interface Checkpoint {
  seq: number;
  createdAt: string;
  headId: number;
  headHash: string;
  previousMac: string;
  keyId: string;
  mac: string;
}

// One checkpoint writer at a time, so that sequence numbers and the MAC chain have no forks.
const CHECKPOINT_LOCK = 0x6a756470; // arbitrary, fixed

/**
 * The MAC key of the checkpoints, per master key. Derived here with HKDF for the purpose
 * "audit-checkpoint" rather than using the master key itself, which also seals documents.
 */
function checkpointKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'audit-checkpoint', 32));
}

function macOf(key: Buffer, c: Omit<Checkpoint, 'mac'>): string {
  const content = canonicalJson([c.seq, c.createdAt, c.headId, c.headHash, c.previousMac, c.keyId]);
  return createHmac('sha256', checkpointKey(key)).update(content).digest('hex');
}

/** True, false, or undefined when the key it was signed with is no longer configured. */
function macMatches(keys: MasterKey[], c: Checkpoint): boolean | undefined {
  const key = keys.find((k) => k.id === c.keyId);
  if (!key) return undefined;
  const expected = Buffer.from(macOf(key.key, c));
  const given = Buffer.from(c.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

type CheckpointRow = AuditTables['audit_checkpoints'];

function fromRow(row: CheckpointRow): Checkpoint {
  return {
    seq: Number(row.seq),
    createdAt: new Date(row.created_at).toISOString(),
    headId: Number(row.head_id),
    headHash: row.head_hash,
    previousMac: row.previous_mac,
    keyId: row.key_id,
    mac: row.mac,
  };
}

async function eventHash(db: Db, id: number): Promise<string | undefined> {
  const row = await tablesOf<AuditTables>(db)
    .selectFrom('audit_events')
    .select('hash')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.hash;
}

/** What is wrong with `c` (its MAC, its head) given the stored hash of the event it signed. */
function checkpointProblems(keys: MasterKey[], c: Checkpoint, hash: string | undefined): string[] {
  if (macMatches(keys, c) === false)
    return [`checkpoint ${c.seq}: its signature does not match (forged or altered checkpoint)`];
  if (hash === undefined)
    return [
      `checkpoint ${c.seq}: event ${c.headId}, the chain's head it signed, is missing (the chain was cut)`,
    ];
  if (hash !== c.headHash)
    return [`checkpoint ${c.seq}: event ${c.headId} is not the one it signed (the chain was rewritten)`];
  return [];
}

export type CheckpointResult = { written: Checkpoint | null; latest?: Checkpoint; problems: string[] };

/**
 * Signs the chain's current head, after checking the events added since the last checkpoint; writes
 * nothing when no event was added, or when something is wrong (a broken chain is never signed).
 */
export async function writeCheckpoint(
  db: Db,
  keys: MasterKey[],
  now = new Date(),
): Promise<CheckpointResult> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK})`.execute(tx);
    const audit = tablesOf<AuditTables>(tx);
    const lastRow = await audit
      .selectFrom('audit_checkpoints')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const last = lastRow && fromRow(lastRow);
    let from: ChainLink = chainStart;
    if (last) {
      const problems = checkpointProblems(keys, last, await eventHash(tx, last.headId));
      if (problems.length > 0) return { written: null, latest: last, problems };
      from = { id: last.headId, hash: last.headHash };
    }
    const walk = await walkChain(tx, from);
    if (walk.brokenAt !== undefined)
      return { written: null, latest: last, problems: [brokenEventProblem(walk.brokenAt)] };
    if (walk.head.id === from.id) return { written: null, latest: last, problems: [] };
    const key = currentKey(keys);
    const unsigned = {
      seq: (last?.seq ?? 0) + 1,
      createdAt: now.toISOString(),
      headId: walk.head.id,
      headHash: walk.head.hash,
      previousMac: last?.mac ?? '',
      keyId: key.id,
    };
    const written = { ...unsigned, mac: macOf(key.key, unsigned) };
    await audit
      .insertInto('audit_checkpoints')
      .values({
        seq: written.seq,
        created_at: now,
        head_id: written.headId,
        head_hash: written.headHash,
        previous_mac: written.previousMac,
        key_id: written.keyId,
        mac: written.mac,
      })
      .execute();
    return { written, latest: written, problems: [] };
  });
}

export function brokenEventProblem(id: number): string {
  return `event ${id}: its content or its link to the event before does not match (edited, deleted or reordered)`;
}

export interface CheckpointsVerdict {
  checked: number;
  /** Checkpoints signed with a key no longer configured: their MAC cannot be checked. */
  unverifiable: number;
  latest?: Checkpoint;
  problems: string[];
}

/**
 * Checks every stored checkpoint — its MAC, its place in the sequence and the event it signed — and,
 * when given, a checkpoint copied from the log, which must be the stored one of the same number.
 */
export async function verifyCheckpoints(
  db: Db,
  keys: MasterKey[],
  fromLog?: Checkpoint,
): Promise<CheckpointsVerdict> {
  const audit = tablesOf<AuditTables>(db);
  const verdict: CheckpointsVerdict = { checked: 0, unverifiable: 0, problems: [] };
  let previous: Checkpoint | undefined;
  let afterSeq = 0;
  for (;;) {
    const batch = await audit
      .selectFrom('audit_checkpoints as c')
      .leftJoin('audit_events as e', 'e.id', 'c.head_id')
      .selectAll('c')
      .select('e.hash as event_hash')
      .where('c.seq', '>', afterSeq)
      .orderBy('c.seq')
      .limit(1000)
      .execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      const c = fromRow(row);
      if (c.seq !== (previous?.seq ?? 0) + 1 || c.previousMac !== (previous?.mac ?? ''))
        verdict.problems.push(
          `checkpoint ${c.seq}: does not follow checkpoint ${previous?.seq ?? 0} (removed?)`,
        );
      if (previous && c.headId < previous.headId)
        verdict.problems.push(`checkpoint ${c.seq}: signs an older head than checkpoint ${previous.seq}`);
      if (macMatches(keys, c) === undefined) verdict.unverifiable += 1;
      verdict.problems.push(...checkpointProblems(keys, c, row.event_hash ?? undefined));
      verdict.checked += 1;
      previous = c;
      afterSeq = c.seq;
    }
  }
  verdict.latest = previous;
  if (fromLog) verdict.problems.push(...(await logCopyProblems(db, keys, fromLog)));
  return verdict;
}

async function logCopyProblems(db: Db, keys: MasterKey[], fromLog: Checkpoint): Promise<string[]> {
  const label = `checkpoint ${fromLog.seq} from the log`;
  const valid = macMatches(keys, fromLog);
  if (valid === undefined) return [`${label}: signed with key "${fromLog.keyId}", which is not configured`];
  if (!valid) return [`${label}: its signature does not match (not a checkpoint of this platform)`];
  const stored = await tablesOf<AuditTables>(db)
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('seq', '=', fromLog.seq)
    .executeTakeFirst();
  if (!stored) return [`${label}: missing from the database (checkpoints were removed)`];
  if (stored.mac !== fromLog.mac) return [`${label}: the stored one differs (checkpoints were replaced)`];
  return [];
}

/** Reads a checkpoint as the log shows it (the JSON of `Checkpoint`). */
export function parseCheckpoint(text: string): Checkpoint {
  const value = JSON.parse(text) as Partial<Checkpoint>;
  const { seq, createdAt, headId, headHash, previousMac, keyId, mac } = value;
  if (
    typeof seq !== 'number' ||
    typeof createdAt !== 'string' ||
    typeof headId !== 'number' ||
    typeof headHash !== 'string' ||
    typeof previousMac !== 'string' ||
    typeof keyId !== 'string' ||
    typeof mac !== 'string'
  )
    throw new Error('--checkpoint: expected the JSON of a checkpoint as logged ({"seq":…,"mac":…})');
  return { seq, createdAt, headId, headHash, previousMac, keyId, mac };
}
