import { type MasterKey, openText, sealText } from '../crypto/master-keys.ts';
import { type Db, tablesOf } from '../database/database.ts';
import type { Fields } from '../uploads/read-uploads.ts';
import type { HttpTables } from './migrations.ts';

/** How long a post kept after a time-out waits for its person to log in again. */
export const keptPostMinutes = 60;

/**
 * What a post carried when it came after its session had timed out (ADR 28): its text fields, and the
 * names of the fields that carried a file (the files themselves are not kept: the page asks for them).
 */
export interface KeptPost {
  fields: Fields;
  fileFields: string[];
}

/** The sealed text is bound to its person and address: moved to another row, it does not open. */
const aadOf = (subject: string, action: string) => `kept-post:${subject}:${action}`;

/**
 * Keeps a post for `subject` (the person whose session timed out), sealed with the master key, until
 * `keptPostMinutes` from now; a later post to the same address replaces it. The CSRF token is never kept.
 */
export async function keepPost(
  db: Db,
  keys: MasterKey[],
  kept: { subject: string; action: string; post: KeptPost; now: Date },
): Promise<void> {
  const { _csrf: _token, ...fields } = kept.post.fields;
  const sealed = sealText(keys, JSON.stringify({ ...kept.post, fields }), aadOf(kept.subject, kept.action));
  const expiresAt = new Date(kept.now.getTime() + keptPostMinutes * 60_000);
  await tablesOf<HttpTables>(db)
    .insertInto('kept_posts')
    .values({ subject: kept.subject, action: kept.action, sealed, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['subject', 'action']).doUpdateSet({ sealed, expires_at: expiresAt }))
    .execute();
}

/**
 * The post kept for this person at this address, if it has not expired; taken (deleted) in the same
 * statement, so that it is shown once, for review, and never applied by itself.
 *
 * @example const kept = await takeKeptPost(db, keys, actor.id, `/forms/drafts/${id}/steps/${stepId}`, now)
 */
export async function takeKeptPost(
  db: Db,
  keys: MasterKey[],
  subject: string,
  action: string,
  now: Date,
): Promise<KeptPost | undefined> {
  const row = await tablesOf<HttpTables>(db)
    .deleteFrom('kept_posts')
    .where('subject', '=', subject)
    .where('action', '=', action)
    .returning(['sealed', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return undefined;
  return JSON.parse(openText(keys, row.sealed, aadOf(subject, action))) as KeptPost;
}

/** Deletes the kept posts nobody came back for. */
export async function purgeKeptPosts(db: Db, now: Date): Promise<number> {
  const result = await tablesOf<HttpTables>(db)
    .deleteFrom('kept_posts')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
