import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { startS3Server } from '../../../tests/support/s3-server.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { parseMasterKeys } from '../../platform/crypto/master-keys.ts';
import { seedDemo } from '../../seed/demo.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';
import {
  applyRetention,
  type DocumentVault,
  getDocumentOfAccount,
  listDocuments,
  listPublishedBy,
  markDocumentRead,
  publishDocument,
  readDocument,
  remindUnread,
  rewrapKeys,
} from './documents.ts';
import { decryptDocument, encryptDocument } from './encryption.ts';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const k1 = key('k1');
const k2 = key('k2');
const secret = 'Décision confidentielle de Sophie Rochat';
/** A minimal PDF whose text is easy to look for in stored bytes. */
const pdf = (body: string) => Buffer.from(`%PDF-1.4\n% ${body}\n%%EOF\n`);

let database: TestDatabase;
let s3: Awaited<ReturnType<typeof startS3Server>>;
let folder: string;
let accountId = '';
let holderId = '';
let authorityId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  s3 = await startS3Server();
  folder = await mkdtemp(path.join(os.tmpdir(), 'guichet-docs-'));
  ({ accountId, personId: holderId } = await createLocalPerson(database.db, {
    givenNames: 'Sophie',
    familyName: 'Rochat',
    email: 'sophie@example.ch',
    password: 'Un mot de passe très long',
  }));
  authorityId = (await getAuthorityBySlug(database.db, 'spf'))?.id ?? '';
});
afterAll(async () => {
  await s3?.stop();
  await rm(folder, { recursive: true, force: true });
  await database?.drop();
});

describe('envelope encryption', () => {
  it('refuses a blob or key moved to another document, and a changed byte', () => {
    const keys = parseMasterKeys(k1);
    const stored = encryptDocument(keys, 'doc-a', Buffer.from(secret));
    expect(stored.blob.includes(Buffer.from(secret))).toBe(false);
    expect(decryptDocument(keys, 'doc-a', stored).toString()).toBe(secret);
    expect(() => decryptDocument(keys, 'doc-b', stored)).toThrow();
    const tampered = Buffer.from(stored.blob);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    expect(() => decryptDocument(keys, 'doc-a', { ...stored, blob: tampered })).toThrow();
    expect(() => decryptDocument(parseMasterKeys(k2), 'doc-a', stored)).toThrow(/not configured/);
  });

  it('reads master keys from configuration strictly', () => {
    expect(() => parseMasterKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseMasterKeys(`${k1},${k1}`)).toThrow(/differ/);
    expect(parseMasterKeys(`${k2}, ${k1}`).map((k) => k.id)).toEqual(['k2', 'k1']);
  });
});

async function storedBytes(store: BlobStore, id: string): Promise<Buffer> {
  if (store.kind === 'postgres') {
    const { rows } = await sql<{ bytes: Buffer }>`select bytes from document_blobs where key = ${id}`.execute(
      database.db,
    );
    return rows[0]?.bytes ?? Buffer.alloc(0);
  }
  if (store.kind === 'folder') return readFile(path.join(folder, id.slice(0, 2), id.slice(2, 4), id));
  // Read what the object store itself keeps on disk, not what our client returns.
  const files = await readdir(s3.directory, { recursive: true });
  const found = files.find((f) => f.includes(id) && f.endsWith('._S3rver_object'));
  if (!found) throw new Error(`s3rver keeps no object for ${id}: ${files.join(', ')}`);
  return readFile(path.join(s3.directory, found));
}

describe.each([
  ['PostgreSQL', () => createBlobStore({ kind: 'postgres' }, database.db)],
  ['a local folder', () => createBlobStore({ kind: 'folder', directory: folder }, database.db)],
  ['an S3-compatible object store', () => createBlobStore(s3.config, database.db)],
])('documents stored in %s', (_name, makeStore) => {
  it('are encrypted at rest and download intact after a master-key rotation', async () => {
    const store = makeStore();
    const vault = (keys: string): DocumentVault => ({ db: database.db, store, keys: parseMasterKeys(keys) });
    const content = pdf(secret);
    const { document, created } = await publishDocument(vault(k1), {
      accountId,
      authorityId,
      title: 'Extrait',
      category: 'extract',
      theme: 'debtCollection',
      message: null,
      filename: 'extrait.pdf',
      bytes: content,
      idempotencyKey: `rotation-${store.kind}`,
      publishedBy: 'test',
    });
    expect(created).toBe(true);
    const atRest = await storedBytes(store, document.id);
    expect(atRest.length).toBeGreaterThan(content.length);
    expect(atRest.includes(Buffer.from(secret))).toBe(false);
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Rotation: the new key first, the old one still there while documents are re-wrapped.
    expect(await rewrapKeys(vault(`${k2},${k1}`))).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{
      key_id: string;
    }>`select key_id from documents where id = ${document.id}`.execute(database.db);
    expect(rows[0]?.key_id).toBe('k2');
    const { rows: trail } = await sql<{ details: { documents: string[] } }>`
      select details from audit_events where action = 'document.keys.rewrap' and subject_id = 'k2'`.execute(
      database.db,
    );
    expect(trail.flatMap((r) => r.details.documents)).toContain(document.id);
    expect((await storedBytes(store, document.id)).equals(atRest)).toBe(true); // no blob was rewritten
    const rotated = await getDocumentOfAccount(database.db, document.account_id, document.id);
    if (!rotated) throw new Error('document vanished');
    expect((await readDocument(vault(k2), rotated)).equals(content)).toBe(true); // the old key is gone
  });
});

describe('publication', () => {
  const vault = (): DocumentVault => ({
    db: database.db,
    store: createBlobStore({ kind: 'postgres' }, database.db),
    keys: parseMasterKeys(k1),
  });
  const publication = (idempotencyKey: string) => ({
    accountId,
    authorityId,
    title: 'Décision',
    category: 'decision' as const,
    theme: null,
    message: null,
    filename: 'decision.pdf',
    bytes: pdf('décision'),
    idempotencyKey,
    publishedBy: 'test',
  });

  it('publishes once when the same publication arrives twice at the same moment', async () => {
    const results = await Promise.all([
      publishDocument(vault(), publication('twice')),
      publishDocument(vault(), publication('twice')),
      publishDocument(vault(), publication('twice')),
    ]);
    expect(new Set(results.map((r) => r.document.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from notifications where source = ${`document:${results[0]?.document.id}`}`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(1);
    const blobs = await sql<{ n: number }>`select count(*)::int as n from document_blobs
      where key not in (select id::text from documents)`.execute(database.db);
    expect(blobs.rows[0]?.n).toBe(0); // the losers' blobs were removed
  });

  it('refuses what is not a PDF or an image, whatever its name', async () => {
    await expect(
      publishDocument(vault(), { ...publication('script'), bytes: Buffer.from('<script>alert(1)</script>') }),
    ).rejects.toThrow(/fileType/);
  });

  it('reminds of unread documents, then asks the authority to post them', async () => {
    const { document } = await publishDocument(vault(), publication('unread'));
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
    const days = { reminderDays: 7, fallbackDays: 21 };
    expect((await remindUnread(database.db, days, inDays(3))).reminded).toBe(0);
    const reminded = await remindUnread(database.db, days, inDays(8));
    expect(reminded.reminded).toBeGreaterThanOrEqual(1);
    expect((await remindUnread(database.db, days, inDays(9))).reminded).toBe(0); // once only
    expect((await remindUnread(database.db, days, inDays(22))).fallbacks).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from document_postal_fallbacks where document_id = ${document.id}`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('counts only the recipient’s reading: a representative’s leaves the reminder and the letter due', async () => {
    const byAgent = (await publishDocument(vault(), publication('read-by-agent'))).document;
    const byHolder = (await publishDocument(vault(), publication('read-by-holder'))).document;
    const agentId = randomUUID();
    await markDocumentRead(database.db, byAgent.id, { personId: agentId, via: 'mandate' });
    await markDocumentRead(database.db, byHolder.id, { personId: holderId, via: 'holder' });

    const listed = async (readerId: string) =>
      new Map((await listDocuments(database.db, accountId, readerId)).map((d) => [d.id, d.read_at]));
    expect((await listed(holderId)).get(byAgent.id)).toBeNull(); // still unread for the holder
    expect((await listed(agentId)).get(byAgent.id)).toBeInstanceOf(Date);
    expect((await listed(agentId)).get(byHolder.id)).toBeNull();

    await remindUnread(
      database.db,
      { reminderDays: 7, fallbackDays: 21 },
      new Date(Date.now() + 22 * 86_400_000),
    );
    const { rows } = await sql<{ id: string; reminded: boolean; posted: boolean }>`
      select d.id, d.reminded_at is not null as reminded, f.document_id is not null as posted
      from documents d left join document_postal_fallbacks f on f.document_id = d.id
      where d.id in (${byAgent.id}, ${byHolder.id})`.execute(database.db);
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.reminded, r.posted]]))).toEqual({
      [byAgent.id]: [true, true],
      [byHolder.id]: [false, false],
    });
    const published = await listPublishedBy(database.db, authorityId, 1000);
    expect(published.find((d) => d.id === byAgent.id)?.recipient_read_at).toBeNull();
    expect(published.find((d) => d.id === byHolder.id)?.recipient_read_at).toBeInstanceOf(Date);
  });

  it('keeps who of the account sent a document: read by them, never owed back, not among what the authority issued', async () => {
    const { document } = await publishDocument(vault(), {
      ...publication('sent-by-the-holder'),
      category: 'correspondence',
      sentBy: { personId: holderId, name: 'Sophie Rochat', via: 'holder', mandateId: null },
    });
    expect(document).toMatchObject({ sent_by_person_id: holderId, sent_by_name: 'Sophie Rochat' });
    const mine = (await listDocuments(database.db, accountId, holderId)).find((d) => d.id === document.id);
    expect(mine?.read_at).toBeInstanceOf(Date);
    expect(
      (await listDocuments(database.db, accountId, randomUUID())).find((d) => d.id === document.id)?.read_at,
    ).toBeNull(); // new to the others of the account
    await remindUnread(
      database.db,
      { reminderDays: 7, fallbackDays: 21 },
      new Date(Date.now() + 400 * 86_400_000),
    );
    const { rows } = await sql<{ reminded: boolean; posted: boolean }>`
      select d.reminded_at is not null as reminded,
        exists (select 1 from document_postal_fallbacks f where f.document_id = d.id) as posted
      from documents d where d.id = ${document.id}`.execute(database.db);
    expect(rows[0]).toEqual({ reminded: false, posted: false });
    expect((await listPublishedBy(database.db, authorityId, 1000)).map((d) => d.id)).not.toContain(
      document.id,
    );
  });

  it('destroys documents at the end of their retention: key first, then content', async () => {
    const { document } = await publishDocument(vault(), { ...publication('old'), category: 'extract' });
    expect(await applyRetention(vault(), new Date(Date.now() + 400 * 86_400_000))).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ wrapped_key: Buffer | null; deleted_at: Date | null }>`
      select wrapped_key, deleted_at from documents where id = ${document.id}`.execute(database.db);
    expect(rows[0]?.wrapped_key).toBeNull();
    expect(rows[0]?.deleted_at).not.toBeNull();
    expect(await vault().store.get(document.id)).toBeUndefined();
  });
});
