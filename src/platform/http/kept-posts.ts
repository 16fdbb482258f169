import { type Expression, type RawBuilder, sql } from 'kysely';
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

/**
 * The hidden field a page adds to its form when (and only when) it shows a kept post: the router
 * forgets the kept post only on a post that carries it, so that every other post of the form costs
 * no statement for it. It comes right after the CSRF token, where the router reads the head of the body.
 */
export const keptPostField = '_kept';

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
  const { _csrf: _token, [keptPostField]: _shown, ...fields } = kept.post.fields;
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
 * applied by itself. It stays (a reload shows it again) until the person sends that form again with
 * `keptPostField` (`dropKeptPost`, which the router calls) or it expires.
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
  const { rows } = await sql<{ sealed: string | null }>`
    select ${keptPostSealedCall(subject, sql.val(action), now)} as sealed`.execute(db);
  const sealed = rows[0]?.sealed;
  return sealed ? openKeptPost(keys, subject, action, sealed) : undefined;
}

/**
 * `findKeptPost` as an SQL expression, for a module to read along the statement a page makes anyway
 * (the form runner's draft): the sealed post at `action` (an expression, when the address is only
 * known in that statement), or null. A kept post almost never exists: it costs no round trip of its own.
 *
 * @example .select(keptPostSealedCall(actor.id, sql`'/forms/drafts/' || d.id`, now).as('kept'))
 */
export function keptPostSealedCall(
  subject: string,
  action: Expression<string>,
  now: Date,
): RawBuilder<string | null> {
  return sql<string | null>`(
    select k.sealed from kept_posts k
    where k.subject = ${subject} and k.action = ${action} and k.expires_at > ${now})`;
}

/** Opens what `keptPostSealedCall` read: throws if it was not sealed for this person and address. */
export function openKeptPost(keys: MasterKey[], subject: string, action: string, sealed: string): KeptPost {
  return JSON.parse(openText(keys, sealed, aadOf(subject, action))) as KeptPost;
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
