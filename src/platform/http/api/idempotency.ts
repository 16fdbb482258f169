import { setTimeout as sleep } from 'node:timers/promises';
import { type Db, tablesOf } from '../../database/database.ts';
import { noteDecision } from '../decision-trace.ts';
import { HttpError } from '../http-error.ts';

export interface IdempotencyTables {
  api_idempotency: {
    owner: string;
    key: string;
    fingerprint: string;
    status: number | null;
    body: string | null;
    created_at: Date;
  };
}

export interface IdempotencyClaim {
  /** Whose keys these are (the API client): two applications may use the same key. */
  owner: string;
  key: string;
  /** A hash of the method, path and body: the same key with another request is refused. */
  fingerprint: string;
}

/** How long a duplicate waits for the first request to finish before it is told to retry. */
const waitLimitMs = 30_000;

/**
 * Runs `work` once per (owner, key): the first request claims the key by inserting its row (the unique
 * key decides between concurrent duplicates inside PostgreSQL, not a read-then-write in here), runs,
 * and keeps its answer; a duplicate waits for that answer and gets it again, status and body. A failure
 * (an error thrown, a 5xx) gives the key back, so that the client can retry it.
 */
export async function idempotent(
  db: Db,
  claim: IdempotencyClaim,
  work: () => Promise<Response>,
): Promise<Response> {
  const table = tablesOf<IdempotencyTables>(db);
  const started = Date.now();
  for (;;) {
    const claimed = await table
      .insertInto('api_idempotency')
      .values({ ...claim, status: null, body: null, created_at: new Date() })
      .onConflict((oc) => oc.columns(['owner', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) return runClaimed(db, claim, work);
    const first = await table
      .selectFrom('api_idempotency')
      .selectAll()
      .where('owner', '=', claim.owner)
      .where('key', '=', claim.key)
      .executeTakeFirst();
    if (!first) continue; // the first one failed and gave the key back: claim it now
    if (first.fingerprint !== claim.fingerprint)
      throw new HttpError(
        422,
        'idempotency_key_reused',
        'this Idempotency-Key was used with another request; use a new key for a new request',
      );
    if (first.status !== null) {
      // The policy decided when the first answer was made, for this same client (the owner), whose key
      // and scope the router has just checked again: the replay shows it nothing it was not given.
      noteDecision();
      return new Response(first.body, {
        status: first.status,
        headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
      });
    }
    if (Date.now() - started > waitLimitMs)
      throw new HttpError(409, 'idempotency_key_in_use', 'the first request with this key is still running');
    await sleep(25);
  }
}

async function runClaimed(db: Db, claim: IdempotencyClaim, work: () => Promise<Response>): Promise<Response> {
  const row = tablesOf<IdempotencyTables>(db)
    .updateTable('api_idempotency')
    .where('owner', '=', claim.owner)
    .where('key', '=', claim.key);
  const giveBack = () =>
    tablesOf<IdempotencyTables>(db)
      .deleteFrom('api_idempotency')
      .where('owner', '=', claim.owner)
      .where('key', '=', claim.key)
      .execute();
  let response: Response;
  try {
    response = await work();
  } catch (error) {
    await giveBack();
    throw error;
  }
  if (response.status >= 500) {
    await giveBack();
    return response;
  }
  await row.set({ status: response.status, body: await response.clone().text() }).execute();
  return response;
}

/** Keys are kept a day, as long as a client retries in practice. */
export async function purgeOldIdempotencyKeys(db: Db, now = new Date()): Promise<void> {
  await tablesOf<IdempotencyTables>(db)
    .deleteFrom('api_idempotency')
    .where('created_at', '<', new Date(now.getTime() - 24 * 3_600_000))
    .execute();
}
