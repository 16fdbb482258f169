import type { Kysely } from 'kysely';
import { everyoneScope, logChangesTo } from '../../../platform/database/change-log.ts';

/** What the request path and "my space" keep per session holds while these tables do not change under it (ADR 32). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await logChangesTo(db, 'catalogue_services', [everyoneScope]);
  await logChangesTo(db, 'catalogue_service_versions', [everyoneScope]);
}
