import { type Kysely, sql } from 'kysely';

/**
 * The legal basis of each access: the authority whose staff (and with which roles), business
 * application (by its API key) or support desk read the data; and the age the retention purge reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('account_access_log')
    .addColumn('authority_id', 'uuid')
    .addColumn('basis', 'text')
    .execute();
  await sql`alter table account_access_log drop constraint if exists account_access_log_via_check`.execute(
    db,
  );
  await sql`alter table account_access_log add constraint account_access_log_via_check
    check (via in ('holder', 'member', 'mandate', 'staff', 'api', 'support')) not valid`.execute(db);
  await sql`create index account_access_log_at on account_access_log (at)`.execute(db);
}
