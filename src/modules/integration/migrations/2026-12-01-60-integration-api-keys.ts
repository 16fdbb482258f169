import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** What a key could do before scopes existed: kept, so that a running integration does not break. */
const legacyScopes = ['mandates:read', 'documents:write', 'forms:read', 'requests:read'];

export async function up(db: Kysely<unknown>): Promise<void> {
  // An application (api_clients) holds scopes and a mode; its keys (api_keys) expire and rotate apart.
  await db.schema
    .alterTable('api_clients')
    .addColumn('scopes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live').check(sql`mode in ('test', 'live')`))
    .execute();
  await sql`update api_clients set scopes = ${sql.val(legacyScopes)}::text[]`.execute(db);
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('api_clients.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_keys_client').on('api_keys').column('client_id').execute();
  await sql`
    insert into api_keys (client_id, key_hash, hint, created_at)
    select id, key_hash, 'gk_…', created_at from api_clients`.execute(db);
  await db.schema.alterTable('api_clients').dropColumn('key_hash').execute();
}
