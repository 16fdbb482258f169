import { createHash, randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import type { FormsTables } from '../tables.ts';

const tables = (db: Db) => tablesOf<FormsTables>(db);
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Long enough to take a photo of each page; short enough that a link seen over a shoulder soon dies. */
export const captureLifetimeMinutes = 10;
// No 0/O, 1/I/L: typed from a screen onto a phone.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A capture a phone may add pages to: one field of one draft, until sent or expired. */
export interface Capture {
  id: string;
  draftId: string;
  fieldId: string;
  expiresAt: Date;
  /** The draft's form and version, to find the field's definition. */
  formId: string;
  version: number;
}

/**
 * Opens a "continue on your phone" capture for one field of a draft: a link token (256 bits, for the
 * QR code) and a short code (8 characters, ~40 bits, typed on the phone; its entry is rate-limited).
 * Only their hashes are kept. Earlier open captures of the same field are closed, with their pages,
 * and so is any capture left an hour after it expired.
 *
 * @example const { token, code } = await openCapture(db, draft.id, 'diploma'); // `/scan/${token}`
 */
export async function openCapture(db: Db, draftId: string, fieldId: string, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const code = Array.from({ length: 8 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
  const expiresAt = new Date(now.getTime() + captureLifetimeMinutes * 60_000);
  await tables(db)
    .deleteFrom('form_capture_tokens')
    .where('draft_id', '=', draftId)
    .where('field_id', '=', fieldId)
    .where('used_at', 'is', null)
    .execute();
  // Links nobody finished leave pages behind: gone an hour after they expired (pages cascade).
  await tables(db)
    .deleteFrom('form_capture_tokens')
    .where('expires_at', '<', new Date(now.getTime() - 60 * 60_000))
    .execute();
  await tables(db)
    .insertInto('form_capture_tokens')
    .values({
      draft_id: draftId,
      field_id: fieldId,
      token_hash: hash(token),
      code_hash: hash(code),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, code, expiresAt };
}

/** The short code as people type it: any case, spaces and dashes ignored. */
export const normaliseCode = (typed: string) => typed.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The capture a link token opens, if it is still open: not sent, not expired, its draft not sent. */
export async function findCapture(db: Db, token: string, now = new Date()): Promise<Capture | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return tables(db)
    .selectFrom('form_capture_tokens')
    .innerJoin('form_drafts', 'form_drafts.id', 'form_capture_tokens.draft_id')
    .select([
      'form_capture_tokens.id',
      'form_capture_tokens.draft_id as draftId',
      'form_capture_tokens.field_id as fieldId',
      'form_capture_tokens.expires_at as expiresAt',
      'form_drafts.form_id as formId',
      'form_drafts.version',
    ])
    .where('form_capture_tokens.token_hash', '=', hash(token))
    .where('form_capture_tokens.used_at', 'is', null)
    .where('form_capture_tokens.expires_at', '>', now)
    .where('form_drafts.submitted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Spends a short code: its capture gets a new link token (the one in the QR code stops working) and
 * the code cannot be typed again. Nothing when the code is wrong, spent or expired.
 */
export async function exchangeCode(db: Db, typed: string, now = new Date()): Promise<string | undefined> {
  const code = normaliseCode(typed);
  if (code.length !== 8) return undefined;
  const token = randomBytes(32).toString('base64url');
  const updated = await tables(db)
    .updateTable('form_capture_tokens')
    .set({ token_hash: hash(token), code_hash: null })
    .where('code_hash', '=', hash(code))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('id')
    .executeTakeFirst();
  return updated ? token : undefined;
}

/** Closes a capture for good (its pages were sent): its link and code are refused from now on. */
export async function closeCapture(db: Db, captureId: string): Promise<boolean> {
  const closed = await tables(db)
    .updateTable('form_capture_tokens')
    .set({ used_at: sql`now()`, code_hash: null })
    .where('id', '=', captureId)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(closed);
}

/** Whether a field of a draft has a capture open on a phone, for the desktop to wait for its pages. */
export async function hasOpenCapture(db: Db, draftId: string, fieldId: string, now = new Date()) {
  const open = await tables(db)
    .selectFrom('form_capture_tokens')
    .select('id')
    .where('draft_id', '=', draftId)
    .where('field_id', '=', fieldId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Boolean(open);
}
