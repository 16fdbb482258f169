import type { MasterKey } from '../crypto/master-keys.ts';
import { type Db, tablesOf } from '../database/database.ts';
import { walkChain } from './audit.ts';
import { brokenEventProblem, type Checkpoint, verifyCheckpoints } from './checkpoints.ts';
import type { AuditTables } from './migrations.ts';

export interface AuditVerdict {
  intact: boolean;
  /** Events whose hash and link matched, from the first. */
  events: number;
  checkpoints: number;
  unverifiable: number;
  /** The first event whose content or link does not match. */
  brokenAt?: number;
  latest?: Checkpoint;
  /** Events after the newest checkpoint: until the next one, cutting them would go unnoticed. */
  unsigned: number;
  /** One sentence per fault found, for the operator. */
  problems: string[];
}

/**
 * Checks the whole trail: the hash chain from its first event (an edited, deleted or reordered event),
 * then the signed checkpoints against it (a cut tail, a chain rewritten with recomputed hashes).
 */
export async function verifyAudit(db: Db, keys: MasterKey[], fromLog?: Checkpoint): Promise<AuditVerdict> {
  const walk = await walkChain(db);
  const checkpoints = await verifyCheckpoints(db, keys, fromLog);
  const after = await tablesOf<AuditTables>(db)
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '>', checkpoints.latest?.headId ?? 0)
    .executeTakeFirstOrThrow();
  const problems = [
    ...(walk.brokenAt === undefined ? [] : [brokenEventProblem(walk.brokenAt)]),
    ...checkpoints.problems,
  ];
  return {
    intact: problems.length === 0,
    events: walk.checked,
    checkpoints: checkpoints.checked,
    unverifiable: checkpoints.unverifiable,
    ...(walk.brokenAt === undefined ? {} : { brokenAt: walk.brokenAt }),
    ...(checkpoints.latest ? { latest: checkpoints.latest } : {}),
    unsigned: Number(after.n),
    problems,
  };
}

/** The verdict as `guichet audit verify` prints it: one line per problem. */
export function describeVerdict(verdict: AuditVerdict): string[] {
  const counts = `${verdict.events} events and ${verdict.checkpoints} checkpoints checked${
    verdict.unverifiable ? ` (${verdict.unverifiable} signed with a key no longer configured)` : ''
  }`;
  const { latest } = verdict;
  const exposure = `${verdict.unsigned} events after the newest checkpoint${
    latest ? ` (${latest.seq}, ${latest.createdAt})` : ''
  }, not signed yet`;
  if (verdict.intact) return [`audit trail intact: ${counts}`, exposure];
  return [`audit trail NOT intact: ${counts}`, ...verdict.problems.map((p) => `  problem: ${p}`), exposure];
}
