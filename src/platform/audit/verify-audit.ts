import type { MasterKey } from '../crypto/master-keys.ts';
import type { Db } from '../database/database.ts';
import { walkChain } from './audit.ts';
import { brokenEventProblem, type Checkpoint, verifyCheckpoints } from './checkpoints.ts';

export interface AuditVerdict {
  intact: boolean;
  /** Events whose hash and link matched, from the first. */
  events: number;
  checkpoints: number;
  unverifiable: number;
  /** The first event whose content or link does not match. */
  brokenAt?: number;
  latest?: Checkpoint;
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
    problems,
  };
}

/** The verdict as `guichet audit verify` prints it: one line per problem. */
export function describeVerdict(verdict: AuditVerdict): string[] {
  const counts = `${verdict.events} events and ${verdict.checkpoints} checkpoints checked${
    verdict.unverifiable ? ` (${verdict.unverifiable} signed with a key no longer configured)` : ''
  }`;
  if (verdict.intact) return [`audit trail intact: ${counts}`];
  return [`audit trail NOT intact: ${counts}`, ...verdict.problems.map((p) => `  problem: ${p}`)];
}
