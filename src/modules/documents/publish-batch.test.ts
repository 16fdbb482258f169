import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { parseMasterKeys } from '../../platform/crypto/master-keys.ts';
import type { AcceptedUpload } from '../../platform/uploads/index.ts';
import { seedDemo } from '../../seed/demo.ts';
import { ensurePersonalAccount } from '../accounts/index.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { createBlobStore } from './blob-store.ts';
import type { DocumentVault } from './documents.ts';
import { maxBatchRows, publishBatch, recipientFromCell } from './publish-batch.ts';

/** A document as `readUploads` hands it over (checked, scanned), named as the CSV names it. */
const pdf = (body: string): AcceptedUpload => ({
  field: 'files',
  name: `${body}.pdf`,
  sentName: `${body}.pdf`,
  kind: 'pdf',
  mime: 'application/pdf',
  bytes: Buffer.from(`%PDF-1.4\n% ${body}\n%%EOF\n`),
  scan: 'clean',
});

let database: TestDatabase;
let vault: DocumentVault;
let authorityId = '';
let accountId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  vault = {
    db: database.db,
    store: createBlobStore({ kind: 'postgres' }, database.db),
    keys: parseMasterKeys(`k1:${randomBytes(32).toString('base64')}`),
  };
  const { person } = await createPersonWithLink(
    database.db,
    { givenNames: 'Lena', familyName: 'Batch', avs: '7561234567897', dateOfBirth: '1975-03-02' },
    { provider: 'test', subject: 'lena-batch', level: 'high' },
  );
  accountId = await ensurePersonalAccount(database.db, person.id, 'Lena Batch');
  authorityId = (await getAuthorityBySlug(database.db, 'spf'))?.id ?? '';
});
afterAll(async () => {
  await database?.drop();
});

const publish = (csv: string, files: AcceptedUpload[], batchKey = randomUUID()) =>
  publishBatch(vault, {
    csv: Buffer.from(csv),
    batchKey,
    authorityId,
    publishedBy: 'person:test',
    files,
  });

const countTitled = async (title: string) => {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from documents where title = ${title} and account_id = ${accountId}`.execute(
    database.db,
  );
  return rows[0]?.n;
};

describe('publishing a batch of documents from a CSV', () => {
  it('publishes each valid row once, even when the same batch is sent twice', async () => {
    const csv =
      '\uFEFFdestinataire;titre;categorie;theme;fichier\n756.1234.5678.97;Lot 1;invoice;tax;a.pdf\n';
    const batchKey = randomUUID();
    expect(await publish(csv, [pdf('a')], batchKey)).toEqual({
      csvInvalid: false,
      rows: [{ row: 1, title: 'Lot 1', outcome: 'published' }],
    });
    expect(await publish(csv, [pdf('a')], batchKey)).toEqual({
      csvInvalid: false,
      rows: [{ row: 1, title: 'Lot 1', outcome: 'alreadyPublished' }],
    });
    expect(await countTitled('Lot 1')).toBe(1);
  });

  it('reports a row whose recipient is unknown with its row number, and publishes the others', async () => {
    const csv =
      'Empfaenger,Titel,Kategorie,Datei\n7561234567897,Lot 2,certificate,b.pdf\n756.0000.0000.00,Lot 3,invoice,c.pdf\n';
    const result = await publish(csv, [pdf('b'), pdf('c')]);
    expect(result).toEqual({
      csvInvalid: false,
      rows: [
        { row: 1, title: 'Lot 2', outcome: 'published' },
        {
          row: 2,
          title: 'Lot 3',
          outcome: 'refused',
          problems: [{ field: 'avs', problem: 'notFound' }],
        },
      ],
    });
    expect(await countTitled('Lot 2')).toBe(1);
  });

  it('reports every problem of a row: no recipient (a formula is none), no title, no category, a file not sent', async () => {
    const result = await publish('recipient,title,category,file\n=1+2,,letter,missing.pdf\n', []);
    expect(result.csvInvalid === false && result.rows[0]).toEqual({
      row: 1,
      title: '',
      outcome: 'refused',
      problems: [
        { field: 'recipientBy', problem: 'recipientMissing' },
        { field: 'title', problem: 'titleMissing' },
        { field: 'category', problem: 'categoryMissing' },
        { field: 'file', problem: 'fileMissing' },
        { field: 'files', problem: 'fileNotSent' },
      ],
    });
  });

  it('refuses a CSV it cannot read, an empty one, or one with too many rows, publishing nothing', async () => {
    expect(await publish('titre;fichier\n"Lot 4;a.pdf\n', [pdf('a')])).toEqual({ csvInvalid: true });
    expect(await publish('destinataire;titre;categorie;fichier\n', [])).toEqual({ csvInvalid: true });
    const row = '7561234567897;Lot 5;invoice;a.pdf\n';
    const tooMany = `destinataire;titre;categorie;fichier\n${row.repeat(maxBatchRows + 1)}`;
    expect(await publish(tooMany, [pdf('a')])).toEqual({ csvInvalid: true });
    expect(await countTitled('Lot 5')).toBe(0);
    expect(
      await publishBatch(vault, { csv: undefined, batchKey: 'k', authorityId, publishedBy: 'x', files: [] }),
    ).toEqual({ csvInvalid: true });
  });

  it('reads a recipient cell as an AVS number or a UID, whatever the separators', () => {
    expect(recipientFromCell('756.1234.5678.97')).toEqual({ kind: 'avs', avs: '7561234567897' });
    expect(recipientFromCell('che-123.456.789')).toEqual({ kind: 'uid', uid: 'CHE123456789' });
    expect(recipientFromCell('Lena Batch')).toBeUndefined();
  });
});
