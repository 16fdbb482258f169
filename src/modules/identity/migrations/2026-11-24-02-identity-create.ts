import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('persons')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('given_names', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date')
    .addColumn('avs', 'text', (c) => c.unique().check(sql`avs ~ '^756[0-9]{10}$'`))
    .addColumn('street', 'text')
    .addColumn('house_number', 'text')
    .addColumn('postcode', 'text')
    .addColumn('town', 'text')
    .addColumn('country', 'text', (c) => c.notNull().defaultTo('CH').check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn('email', 'text')
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('mobile', 'text')
    .addColumn('mobile_verified_at', 'timestamptz')
    .addColumn('preferred_language', 'text', (c) =>
      c.notNull().defaultTo('fr').check(sql`preferred_language in ('fr', 'de', 'en')`),
    )
    .addColumn('form_language', 'text', (c) => c.check(sql`form_language in ('fr', 'de', 'en')`))
    .addColumn('notification_language', 'text', (c) =>
      c.check(sql`notification_language in ('fr', 'de', 'en')`),
    )
    .addColumn('platform_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('identity_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('low', 'substantial', 'high')`))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addUniqueConstraint('identity_links_provider_subject', ['provider', 'subject'])
    .execute();
  await db.schema.createIndex('identity_links_person').on('identity_links').column('person_id').execute();
  await db.schema
    .createTable('local_credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().unique().references('persons.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index local_credentials_email on local_credentials (lower(email))`.execute(db);
  // Single-use links sent by e-mail (verification, recovery); only their hash is kept.
  await db.schema
    .createTable('email_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('credential_id', 'uuid', (c) =>
      c.notNull().references('local_credentials.id').onDelete('cascade'),
    )
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('verify', 'recover')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('uid', 'text', (c) => c.notNull().unique().check(sql`uid ~ '^CHE[0-9]{9}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_form', 'text', (c) => c.notNull())
    .addColumn('seat', 'text', (c) => c.notNull())
    .addColumn('street', 'text')
    .addColumn('house_number', 'text')
    .addColumn('postcode', 'text')
    .addColumn('town', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
