import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * A mandate may be given to someone who has never logged in: it waits, named by AVS number and family
 * name (a person) or by UID (an organisation, named as the commercial register has it), until a first
 * login with an identity carrying that number, or the organisation's account being opened, binds it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mandates').addColumn('awaited_avs', 'text').execute();
  await db.schema.alterTable('mandates').addColumn('awaited_uid', 'text').execute();
  await db.schema.alterTable('mandates').addColumn('awaited_name', 'text').execute();
  await db.schema.alterTable('mandates').dropConstraint('mandates_one_agent').execute();
  // Exactly one agent: a person, an organisation's account, or one of them still awaited (with a name).
  await sql`alter table mandates add constraint mandates_one_agent
    check (num_nonnulls(agent_person_id, agent_account_id, awaited_avs, awaited_uid) = 1
      and (awaited_avs is null and awaited_uid is null) = (awaited_name is null)) not valid`.execute(db);
  await sql`alter table mandates validate constraint mandates_one_agent`.execute(db);
  await sql`create index mandates_awaited_avs on mandates (awaited_avs) where awaited_avs is not null`.execute(
    db,
  );
  await sql`create index mandates_awaited_uid on mandates (awaited_uid) where awaited_uid is not null`.execute(
    db,
  );
}
