import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * A mandate may be given to someone who has never logged in: it waits, named by AVS number and family
 * name, until their first login with an identity carrying that number binds it to them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mandates').addColumn('awaited_avs', 'text').execute();
  await db.schema.alterTable('mandates').addColumn('awaited_family_name', 'text').execute();
  await db.schema.alterTable('mandates').dropConstraint('mandates_one_agent').execute();
  // Exactly one agent: a person, an organisation's account, or a person still awaited.
  await sql`alter table mandates add constraint mandates_one_agent
    check (num_nonnulls(agent_person_id, agent_account_id, awaited_avs) = 1
      and (awaited_avs is null) = (awaited_family_name is null)) not valid`.execute(db);
  await sql`alter table mandates validate constraint mandates_one_agent`.execute(db);
  await sql`create index mandates_awaited_avs on mandates (awaited_avs) where awaited_avs is not null`.execute(
    db,
  );
}
