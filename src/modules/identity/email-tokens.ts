import { createHash, randomBytes } from 'node:crypto';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { IdentityTables } from './tables.ts';

export type TokenPurpose = 'verify' | 'recover';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh single-use token for a link in an e-mail; the database keeps only its hash. */
export async function issueEmailToken(
  db: Db,
  credentialId: string,
  purpose: TokenPurpose,
  minutes: number,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tablesOf<IdentityTables>(db)
    .insertInto('email_tokens')
    .values({
      token_hash: hash(token),
      credential_id: credentialId,
      purpose,
      expires_at: new Date(now.getTime() + minutes * 60_000),
      used_at: null,
    })
    .execute();
  return token;
}

/** The credential a live, unused token belongs to, without using it up. */
export async function peekEmailToken(
  db: Db,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string | undefined> {
  const row = await tablesOf<IdentityTables>(db)
    .selectFrom('email_tokens')
    .select('credential_id')
    .where('token_hash', '=', hash(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.credential_id;
}

/** Uses the token up; of two concurrent uses, only one gets the credential. */
export async function consumeEmailToken(
  db: Db,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string | undefined> {
  const row = await tablesOf<IdentityTables>(db)
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('credential_id')
    .executeTakeFirst();
  return row?.credential_id;
}
