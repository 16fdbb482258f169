import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('authority_staff')
    .addColumn('authority_id', 'uuid', (c) => c.notNull().references('authorities.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('agent', 'serviceDesigner', 'authorityAdmin')`),
    )
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('authority_staff_pk', ['authority_id', 'person_id', 'role'])
    .execute();
  await db.schema.createIndex('authority_staff_person').on('authority_staff').column('person_id').execute();
}
