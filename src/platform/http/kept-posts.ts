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
 * The post kept for this person at this address, if it has not expired: shown for review, never
 * applied by itself. It stays (a reload shows it again) until the person sends that form again
 * (`dropKeptPost`, which the router calls) or it expires.
 *
 * @example const kept = await findKeptPost(db, keys, actor.id, `/forms/drafts/${id}/steps/${stepId}`, now)
 */
export async function findKeptPost(
  db: Db,
  keys: MasterKey[],
  subject: string,
  action: string,
  now: Date,
): Promise<KeptPost | undefined> {
  const row = await tablesOf<HttpTables>(db)
    .selectFrom('kept_posts')
    .select('sealed')
    .where('subject', '=', subject)
    .where('action', '=', action)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && (JSON.parse(openText(keys, row.sealed, aadOf(subject, action))) as KeptPost);
}

/** Forgets the kept post once its person sends the form again: what they send now replaces it. */
export async function dropKeptPost(db: Db, subject: string, action: string): Promise<void> {
  await tablesOf<HttpTables>(db)
    .deleteFrom('kept_posts')
    .where('subject', '=', subject)
    .where('action', '=', action)
    .execute();
}

/** Deletes the kept posts nobody came back for. */
export async function purgeKeptPosts(db: Db, now: Date): Promise<number> {
  const result = await tablesOf<HttpTables>(db)
    .deleteFrom('kept_posts')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
