import { type Kysely, sql } from 'kysely';

/**
 * Verifiable credentials beside issued documents (ADR 26): which document types an authority also
 * issues into the e-ID wallet (as which credential type of its swiyu-issuer), and for each issued
 * document its credential's offer and state at the issuer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wallet_credential_types')
    .addColumn('authority_id', 'uuid', (c) => c.notNull().references('authorities.id'))
    .addColumn('issued_type', 'text', (c) => c.notNull())
    .addColumn('configuration_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wallet_credential_types_pk', ['authority_id', 'issued_type'])
    .execute();
  await db.schema
    .createTable('wallet_credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issued_id', 'uuid', (c) => c.notNull().unique().references('issued_documents.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('configuration_id', 'text', (c) => c.notNull())
    .addColumn('subject_data', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'offered', 'revoked')`))
    .addColumn('management_id', 'text')
    .addColumn('offer_deeplink', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('wallet_credentials_account')
    .on('wallet_credentials')
    .column('account_id')
    .execute();
}
