import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('personal', 'professional')`))
    .addColumn('person_id', 'uuid', (c) => c.unique().references('persons.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.unique().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'accounts_holder',
      sql`(kind = 'personal' and person_id is not null and organisation_id is null)
        or (kind = 'professional' and organisation_id is not null and person_id is null)`,
    )
    .execute();
  await db.schema
    .createTable('account_members')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member')`))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('account_members_pk', ['account_id', 'person_id'])
    .execute();
  // One row per (event, channel) the account wants to be told on; none stored means the defaults.
  await db.schema
    .createTable('notification_preferences')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms', 'push')`))
    .addPrimaryKeyConstraint('notification_preferences_pk', ['account_id', 'event', 'channel'])
    .execute();
  await db.schema
    .createTable('notification_preferences_set')
    .addColumn('account_id', 'uuid', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('account_members_person').on('account_members').column('person_id').execute();
}
