import { type Kysely, sql } from 'kysely';

/**
 * Which answers hold the dogs and their names: the ERP is told when Sion's IT points it at a form a
 * designer built (whose fields the builder named), the demo's form keeping its own names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table simulator_erp_settings add column dogs_field text not null default 'list'`.execute(
    db,
  );
  await sql`alter table simulator_erp_settings add column name_field text not null default 'name'`.execute(
    db,
  );
}
