import type { Kysely } from 'kysely';
import { logChangesTo } from '../../../platform/database/change-log.ts';

/** What the request path and "my space" keep per session holds while these tables do not change under it (ADR 32). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await logChangesTo(db, 'mandates', [
    'row.principal_account_id',
    'row.agent_person_id',
    'row.agent_account_id',
  ]);
  await logChangesTo(db, 'mandate_approvals', [
    'row.person_id',
    '(select m.principal_account_id from mandates m where m.id = row.mandate_id)',
  ]);
}
