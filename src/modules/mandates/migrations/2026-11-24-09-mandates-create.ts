import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mandates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Whose affairs: a personal account, or the professional account of an organisation.
    .addColumn('principal_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    // Who acts: a person, or an organisation (its professional account) that assigns it on.
    .addColumn('agent_person_id', 'uuid', (c) => c.references('persons.id'))
    .addColumn('agent_account_id', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().check(sql`cardinality(themes) > 0`))
    .addColumn('permissions', sql`text[]`, (c) => c.notNull().check(sql`cardinality(permissions) > 0`))
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('may_delegate', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('parent_id', 'uuid', (c) => c.references('mandates.id'))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('requested', 'proposed', 'active', 'declined', 'revoked', 'given_up')`),
    )
    .addColumn('initiated_by', 'text', (c) => c.notNull().check(sql`initiated_by in ('principal', 'agent')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addCheckConstraint('mandates_one_agent', sql`(agent_person_id is null) <> (agent_account_id is null)`)
    .execute();
  await db.schema.createIndex('mandates_principal').on('mandates').column('principal_account_id').execute();
  await db.schema.createIndex('mandates_agent_person').on('mandates').column('agent_person_id').execute();
  await db.schema.createIndex('mandates_agent_account').on('mandates').column('agent_account_id').execute();
  // Approvals on the principal's side: an organisation's signatories, single or joint.
  await db.schema
    .createTable('mandate_approvals')
    .addColumn('mandate_id', 'uuid', (c) => c.notNull().references('mandates.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('signature', 'text', (c) => c.notNull().check(sql`signature in ('single', 'joint', 'holder')`))
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mandate_approvals_pk', ['mandate_id', 'person_id'])
    .execute();
}
