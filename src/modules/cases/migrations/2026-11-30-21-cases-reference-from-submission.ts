import { type Kysely, sql } from 'kysely';

/** A request takes its submission's reference (given on submission by forms): no numbering of its own. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases alter column reference drop default`.execute(db);
  await sql`drop sequence case_reference_seq`.execute(db);
}
