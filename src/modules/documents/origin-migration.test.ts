import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { seedDemo } from '../../seed/demo.ts';
import { recordAccess } from '../accounts/index.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { acceptMandate, proposeMandate } from '../mandates/index.ts';
import { up } from './migrations/2026-11-30-57-documents-origin-and-reads.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(() => database?.drop());

/** The documents table as it was before the migration, with the rows a live database would hold. */
async function schemaBefore() {
  await sql`drop table document_reads`.execute(database.db);
  await sql`alter table documents drop constraint documents_sender_named,
    drop column sent_by_person_id, drop column sent_by_name, drop column sent_by_mandate_id,
    add column first_read_at timestamptz`.execute(database.db);
  await sql`create index documents_unread on documents (created_at) where first_read_at is null`.execute(
    database.db,
  );
}

describe('the migration to origins and per-person reading', () => {
  it('recovers who of the account sent a document, and who read what from the access log', async () => {
    const { db } = database;
    const person = (givenNames: string) =>
      createLocalPerson(db, {
        givenNames,
        familyName: 'Mig',
        email: `${givenNames}@example.ch`,
        password: 'x'.repeat(16),
      });
    const holder = await person('Holder');
    const agent = await person('Agent');
    const mandate = await proposeMandate(db, holder.personId, 'holder', {
      principalAccountId: holder.accountId,
      agent: { personId: agent.personId },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: new Date().toISOString().slice(0, 10),
    });
    await acceptMandate(db, agent.personId, mandate.id);
    const authorityId = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    await schemaBefore();
    const read = new Date('2026-10-01T10:00:00Z');
    const document = async (title: string, publishedBy: string, firstReadAt: Date | null) => {
      const id = randomUUID();
      await sql`insert into documents (id, account_id, authority_id, title, category, filename, content_type,
          size, sha256, retain_until, published_by, idempotency_key, first_read_at)
        values (${id}, ${holder.accountId}, ${authorityId}, ${title}, 'correspondence', 'a.pdf',
          'application/pdf', 1, 'x', '2030-01-01', ${publishedBy}, ${id}, ${firstReadAt})`.execute(db);
      return id;
    };
    const openedByAgent = await document('Ouvert par le mandataire', 'person:staff', read);
    const openedUnlogged = await document('Ouvert sans trace', 'api:client', read);
    const sentByHolder = await document('Envoyé par le titulaire', `person:${holder.personId}`, null);
    const sentByAgent = await document('Envoyé par le mandataire', `person:${agent.personId}`, null);
    await recordAccess(db, {
      accountId: holder.accountId,
      person: { id: agent.personId, name: 'Agent Mig' },
      via: 'mandate',
      mandateId: mandate.id,
      action: 'document.view',
      subject: { type: 'document', id: openedByAgent, label: 'Ouvert par le mandataire' },
    });

    await up(db as unknown as Kysely<unknown>);

    const { rows: origins } = await sql<{
      id: string;
      person: string | null;
      name: string | null;
      mandate: string | null;
    }>`
      select id, sent_by_person_id as person, sent_by_name as name, sent_by_mandate_id as mandate
      from documents where account_id = ${holder.accountId}`.execute(db);
    expect(Object.fromEntries(origins.map((o) => [o.id, [o.person, o.name, o.mandate]]))).toEqual({
      [openedByAgent]: [null, null, null],
      [openedUnlogged]: [null, null, null],
      [sentByHolder]: [holder.personId, 'Holder Mig', null],
      [sentByAgent]: [agent.personId, 'Agent Mig', mandate.id],
    });
    const { rows: reads } = await sql<{ document_id: string; person_id: string; via: string }>`
      select document_id, person_id, via from document_reads r join documents d on d.id = r.document_id
      where d.account_id = ${holder.accountId} order by document_id, person_id`.execute(db);
    expect(reads).toEqual(
      expect.arrayContaining([
        { document_id: openedByAgent, person_id: agent.personId, via: 'mandate' },
        { document_id: openedUnlogged, person_id: holder.personId, via: 'holder' },
        { document_id: sentByHolder, person_id: holder.personId, via: 'holder' },
        { document_id: sentByAgent, person_id: agent.personId, via: 'mandate' },
      ]),
    );
    expect(reads).toHaveLength(4); // the agent's reading is not the holder's
  });
});
