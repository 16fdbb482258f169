import { type Kysely, sql } from 'kysely';

/**
 * The level of assurance a session needs to open a document: what was sent at a service's level (its
 * receipt) is read at that level. Documents already published ask for none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('documents')
    .addColumn('level', 'text', (c) =>
      c.notNull().defaultTo('low').check(sql`level in ('low', 'substantial', 'high')`),
    )
    .execute();
}
