import { type Kysely, sql } from 'kysely';

/**
 * Where Guichet reads the health register (the register's API address) and the token the register
 * gave it: one row, set when the register is connected.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table health_register_connection (
    id integer primary key check (id = 1),
    base_url text,
    token text
  )`.execute(db);
}
