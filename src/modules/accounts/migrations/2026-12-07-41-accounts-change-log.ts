import type { Kysely } from 'kysely';
import { logChangesTo } from '../../../platform/database/change-log.ts';

/** What the request path and "my space" keep per session holds while these tables do not change under it (ADR 32). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await logChangesTo(db, 'accounts', ['row.id', 'row.person_id']);
  await logChangesTo(db, 'account_members', ['row.account_id', 'row.person_id']);
  // An organisation (identity's) shows in the accounts that are its: a change there is theirs.
  await logChangesTo(db, 'organisations', ['select a.id from accounts a where a.organisation_id = row.id']);
}
