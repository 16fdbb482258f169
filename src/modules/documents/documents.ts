import { randomUUID } from 'node:crypto';
import { type Expression, type Selectable, sql } from 'kysely';
import { type AuditEvent, audited, auditedTx } from '../../platform/audit/audit.ts';
import type { MasterKey } from '../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { emitEvent, type OutboundEvent } from '../../platform/events/emit-event.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { agentsFor, isMandateTheme, type MandateTheme } from '../mandates/index.ts';
import { notify } from '../notifications/index.ts';
import { can } from '../policy/index.ts';
import type { BlobStore } from './blob-store.ts';
import { type DocumentCategory, retainUntil } from './categories.ts';
import { decryptDocument, encryptDocument, rewrapKey } from './encryption.ts';
import type { DocumentsTables, ReaderVia } from './tables.ts';

export type DocumentRow = Selectable<DocumentsTables['documents']>;
/** A document as one person sees it in a list: `read_at` is when that person first opened it. */
export type ListedDocument = DocumentRow & { read_at: Date | null };

/** Someone of the account (its holder, a member, a representative) who sent a document themselves. */
export interface Sender {
  personId: string;
  name: string;
  via: ReaderVia;
  mandateId: string | null;
}

/** What the documents functions need besides the database: where bytes go, and the keys. */
export interface DocumentVault {
  db: Db;
  store: BlobStore;
  keys: MasterKey[];
}

const tables = (db: Db) => tablesOf<DocumentsTables>(db);

export const maxDocumentBytes = 20 * 1024 * 1024;
/** The body of a form that sends one document and some text: the document, and room for the rest. */
export const oneDocumentBodyBytes = maxDocumentBytes + 1024 * 1024;

/** The types a document may have, recognised by their first bytes rather than by what the sender claims. */
const signatures: { type: string; extension: string; magic: number[] }[] = [
  { type: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
];

/** The content types a document may have, for file inputs. */
export const acceptedContentTypes = signatures.map((s) => s.type);

export type UploadProblem = 'fileMissing' | 'fileTooLarge' | 'fileType';

/** Checks an upload: not empty, not too large, and a PDF, PNG or JPEG by its content. */
export function checkUpload(bytes: Buffer): { contentType: string; extension: string } | UploadProblem {
  if (bytes.length === 0) return 'fileMissing';
  if (bytes.length > maxDocumentBytes) return 'fileTooLarge';
  const found = signatures.find((s) => s.magic.every((byte, i) => bytes[i] === byte));
  return found ? { contentType: found.type, extension: found.extension } : 'fileType';
}

/** A file name safe in a header and on any disk, keeping the name the sender gave where possible. */
export function safeFilename(name: string, extension: string): string {
  const base = name
    .replace(/\.[^.]*$/, '')
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
    .trim()
    .slice(0, 80);
  return `${base || 'document'}.${extension}`;
}

export interface Publication {
  accountId: string;
  authorityId: string;
  title: string;
  category: DocumentCategory;
  theme: MandateTheme | null;
  message: string | null;
  requestId?: string | null;
  /** The reference of that request: its notification names it. */
  requestReference?: string;
  filename: string;
  bytes: Buffer;
  /** The sender's key for this publication: the same key again returns the first document. */
  idempotencyKey: string;
  publishedBy: string;
  /** False when it goes with a message that tells of it already (an attachment): nobody to tell. */
  announce?: boolean;
  /** Who of the account sent it, if its own people did; absent: the authority issued it. */
  sentBy?: Sender;
  /** Issued by Guichet and sealed by a job: listed now, handed out once sealed (`completeSealing`). */
  awaitingSeal?: boolean;
  /**
   * The malware scanner could not check it yet (`readUploads` said `pending`): it is kept out of every
   * list and link, and nobody is told of it, until `documents:scan-upload` finds it clean.
   */
  quarantined?: boolean;
  /** The level of assurance a session needs to open it; low when absent. */
  level?: AssuranceLevel;
}

/**
 * Publishes a document into an account: encrypted into the blob store, then recorded with its
 * notification in one transaction. A retry with the same idempotency key, even concurrent, yields the
 * first document and tells nobody twice. Given `tx`, it is recorded in the caller's transaction: a
 * decision and the request's status change commit together or not at all.
 */
export async function publishDocument(
  vault: DocumentVault,
  publication: Publication,
  now = new Date(),
  tx?: Db,
): Promise<{ document: DocumentRow; created: boolean }> {
  const db = tx ?? vault.db;
  const existing = await findByIdempotencyKey(db, publication.authorityId, publication.idempotencyKey);
  if (existing) return { document: existing, created: false };
  const checked = checkUpload(publication.bytes);
  if (typeof checked === 'string') throw new Error(`Refused upload: ${checked}`);
  const id = randomUUID();
  const encrypted = encryptDocument(vault.keys, id, publication.bytes);
  // The blob first: a crash after it leaves an unreferenced blob, never a document without content.
  await vault.store.put(id, encrypted.blob);
  // Inside the caller's transaction when it has one (a decision commits with its document).
  const record = <T>(event: (result: T) => AuditEvent, work: (tx: Db) => Promise<T>) =>
    tx ? auditedTx(tx, event, work) : audited(db, event, work);
  const document = await record(
    (row: DocumentRow | undefined) => ({
      actor: publication.publishedBy,
      action: row ? 'document.publish' : 'document.publish.duplicate',
      subjectType: 'document',
      subjectId: row?.id ?? id,
      authorityId: publication.authorityId,
      details: { accountId: publication.accountId, category: publication.category },
    }),
    async (tx) => {
      const row = await tables(tx)
        .insertInto('documents')
        .values({
          id,
          account_id: publication.accountId,
          authority_id: publication.authorityId,
          title: publication.title,
          category: publication.category,
          theme: publication.theme,
          message: publication.message,
          request_id: publication.requestId ?? null,
          filename: safeFilename(publication.filename, checked.extension),
          content_type: checked.contentType,
          size: publication.bytes.length,
          sha256: encrypted.sha256,
          wrapped_key: encrypted.wrappedKey,
          key_id: encrypted.keyId,
          retain_until: retainUntil(publication.category, now),
          published_by: publication.publishedBy,
          idempotency_key: publication.idempotencyKey,
          sent_by_person_id: publication.sentBy?.personId ?? null,
          sent_by_name: publication.sentBy?.name ?? null,
          sent_by_mandate_id: publication.sentBy?.mandateId ?? null,
          reminded_at: null,
          deleted_at: null,
          awaiting_seal: publication.awaitingSeal ?? false,
          revoked_at: null,
          revocation_reason: null,
          quarantined_at: publication.quarantined ? now : null,
          ...(publication.level ? { level: publication.level } : {}),
        })
        .onConflict((oc) => oc.columns(['authority_id', 'idempotency_key']).doNothing())
        .returningAll()
        .executeTakeFirst();
      // Whoever sent it has seen it: it is new only to the others of the account.
      if (row && publication.sentBy)
        await markDocumentRead(tx, row.id, {
          personId: publication.sentBy.personId,
          via: publication.sentBy.via,
        });
      // A quarantined upload is published, as an event too, only once the scanner found it clean.
      if (row && !publication.sentBy && !publication.quarantined)
        await emitEvent(tx, documentEvent('document.published', row));
      if (row && publication.quarantined)
        await enqueue(
          tx,
          'documents:scan-upload',
          {
            documentId: row.id,
            announce: publication.announce !== false,
            requestReference: publication.requestReference,
          },
          { maxAttempts: 1000 },
        );
      else if (row && publication.announce !== false)
        await notifyDocument(tx, row, `document:${row.id}`, publication.requestReference);
      return row;
    },
  );
  if (document) return { document, created: true };
  // A concurrent twin won the race: drop our blob, answer with theirs.
  await vault.store.delete(id);
  const winner = await findByIdempotencyKey(db, publication.authorityId, publication.idempotencyKey);
  if (!winner) throw new Error('Publication lost its idempotent twin');
  return { document: winner, created: false };
}

/**
 * The scan job of a quarantined document: clean, it appears and its people are told as they would have
 * been; infected, it is destroyed. A scanner still down throws, and the job is retried with back-off.
 */
export async function releaseOrDestroy(
  vault: DocumentVault,
  scan: (bytes: Buffer) => Promise<'clean' | 'infected'>,
  job: { documentId: string; announce: boolean; requestReference?: string },
): Promise<'clean' | 'infected' | 'gone'> {
  const document = await tables(vault.db)
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', job.documentId)
    .where('quarantined_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!document) return 'gone';
  const verdict = await scan(await readDocument(vault, document));
  if (verdict === 'infected') {
    await destroyDocument(vault, 'system', document, 'malware');
    return verdict;
  }
  const released = {
    actor: 'system',
    action: 'document.scan.clean',
    subjectType: 'document',
    subjectId: document.id,
    authorityId: document.authority_id,
  };
  await audited(vault.db, released, async (tx) => {
    await tables(tx)
      .updateTable('documents')
      .set({ quarantined_at: null })
      .where('id', '=', document.id)
      .execute();
    if (job.announce) await notifyDocument(tx, document, `document:${document.id}`, job.requestReference);
  });
  return verdict;
}

/** Tells the account's people, and the agents whose mandate lets them receive documents of its theme. */
async function notifyDocument(tx: Db, document: DocumentRow, source: string, reference?: string) {
  await notify(tx, {
    event: 'newDocument',
    accountId: document.account_id,
    authorityId: document.authority_id,
    link: `/documents/${document.id}`,
    reference,
    source,
    alsoTell: document.theme ? await agentsFor(tx, document.account_id, document.theme, 'receive') : [],
  });
}

function findByIdempotencyKey(db: Db, authorityId: string, key: string) {
  return tables(db)
    .selectFrom('documents')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** A document of the account; another account's, or a deleted one, is absent. */
export function getDocumentOfAccount(
  db: Db,
  accountId: string,
  id: string,
): Promise<DocumentRow | undefined> {
  return findDocument(db, id, 'account_id', accountId);
}

/** A document the authority published; another authority's, or a deleted one, is absent. */
export function getDocumentOfAuthority(
  db: Db,
  authorityId: string,
  id: string,
): Promise<DocumentRow | undefined> {
  return findDocument(db, id, 'authority_id', authorityId);
}

async function findDocument(
  db: Db,
  id: string,
  tenant: 'account_id' | 'authority_id',
  tenantId: string,
): Promise<DocumentRow | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db)
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', id)
    .where(tenant, '=', tenantId)
    .where('deleted_at', 'is', null)
    .where('quarantined_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The documents the actor may see in the account in use, newest first: all of them for its own
 * people; under a mandate, those of the themes it covers with the right to consult.
 */
export async function visibleDocuments(db: Db, actor: PersonActor): Promise<ListedDocument[]> {
  if (!actor.mandate) return listDocuments(db, actor.account.id, actor.id);
  const themes: MandateTheme[] = [];
  for (const theme of actor.mandate.themes.filter(isMandateTheme))
    if (
      (await can(db, actor, 'account.consult', { type: 'account', accountId: actor.account.id, theme }))
        .allowed
    )
      themes.push(theme);
  return listDocuments(db, actor.account.id, actor.id, themes);
}

/**
 * How many of the account's documents `readerId` has not opened, and the five latest of them, as one
 * JSON value (what "my space" shows of the person's own account, read with the other sections').
 */
export function unreadSummary(db: Db, accountId: string | Expression<string>, readerId: string) {
  const unread = tables(db)
    .selectFrom('documents')
    .select(['documents.id', 'documents.title', 'documents.created_at'])
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .where('quarantined_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('document_reads')
            .select('document_reads.document_id')
            .whereRef('document_reads.document_id', '=', 'documents.id')
            .where('document_reads.person_id', '=', readerId),
        ),
      ),
    );
  return sql<{ count: number; latest: { id: string; title: string }[] }>`select json_build_object(
    'count', (select count(*) from (${unread}) u),
    'latest', (select coalesce(json_agg(json_build_object('id', l.id, 'title', l.title)), '[]') from (
      select * from (${unread}) u order by u.created_at desc limit 5) l))`;
}

/**
 * An account's documents, newest first, each with when `readerId` first opened it; `themes` limits
 * them to what a mandate covers.
 */
export async function listDocuments(
  db: Db,
  accountId: string,
  readerId: string,
  themes?: MandateTheme[],
): Promise<ListedDocument[]> {
  let query = tables(db)
    .selectFrom('documents')
    .leftJoin('document_reads', (join) =>
      join
        .onRef('document_reads.document_id', '=', 'documents.id')
        .on('document_reads.person_id', '=', readerId),
    )
    .selectAll('documents')
    .select('document_reads.read_at')
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .where('quarantined_at', 'is', null);
  if (themes)
    query = themes.length === 0 ? query.where(sql<boolean>`false`) : query.where('theme', 'in', themes);
  return query.orderBy('created_at', 'desc').execute();
}

/**
 * "The recipient read it" means the holder or a member of the account opened it: a representative
 * reading it does not tell the authority that the person it is addressed to knows of it, so reminders
 * and the paper fallback still go out, and staff do not see it as read.
 */
const readByRecipient = (db: Db) =>
  tables(db)
    .selectFrom('document_reads')
    // Correlated with the outer query's document.
    .where('document_reads.document_id', '=', sql<string>`documents.id`)
    .where('document_reads.via', 'in', ['holder', 'member']);

/**
 * The documents an authority issued (not those the citizens sent it), for its staff: when the
 * recipient first read each, if they did.
 */
export async function listPublishedBy(
  db: Db,
  authorityId: string,
  limit = 100,
): Promise<(DocumentRow & { recipient_read_at: Date | null })[]> {
  return tables(db)
    .selectFrom('documents')
    .selectAll('documents')
    .select(() =>
      readByRecipient(db)
        .select((eb) => eb.fn.min('document_reads.read_at').as('first'))
        .as('recipient_read_at'),
    )
    .where('authority_id', '=', authorityId)
    .where('sent_by_person_id', 'is', null)
    .where('quarantined_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The document's content, decrypted and checked against its recorded hash. */
export async function readDocument(vault: DocumentVault, document: DocumentRow): Promise<Buffer> {
  const blob = await vault.store.get(document.id);
  if (!blob || !document.wrapped_key || !document.key_id)
    throw new Error(`Document ${document.id} has no content`);
  return decryptDocument(vault.keys, document.id, {
    blob,
    wrappedKey: document.wrapped_key,
    keyId: document.key_id,
    sha256: document.sha256,
  });
}

/** Rights a person reads an account's documents on (staff and administrators read none as theirs). */
export const isReaderVia = (via: string): via is ReaderVia =>
  via === 'holder' || via === 'member' || via === 'mandate';

/** Records that a person opened a document, on what right; only their first reading is kept. */
export async function markDocumentRead(
  db: Db,
  documentId: string,
  reader: { personId: string; via: ReaderVia },
  now = new Date(),
): Promise<void> {
  // Most readings are not the first (the page, then the file): one look spares them a transaction.
  const known = await tables(db)
    .selectFrom('document_reads')
    .select('document_id')
    .where('document_id', '=', documentId)
    .where('person_id', '=', reader.personId)
    .executeTakeFirst();
  if (known) return;
  const work = async (tx: Db) => {
    const read = await tables(tx)
      .insertInto('document_reads')
      .values({ document_id: documentId, person_id: reader.personId, via: reader.via, read_at: now })
      .onConflict((oc) => oc.columns(['document_id', 'person_id']).doNothing())
      .returning('document_id')
      .executeTakeFirst();
    const document = read && (await firstOpened(tx, documentId));
    if (document) await emitEvent(tx, documentEvent('document.opened', document));
  };
  await (db.isTransaction ? work(db) : db.transaction().execute(work));
}

/** The document if this reading is its first and its authority published it (not one sent to it). */
async function firstOpened(db: Db, documentId: string): Promise<DocumentRow | undefined> {
  const document = await tables(db)
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!document || document.sent_by_person_id) return undefined;
  const { reads } = await tables(db)
    .selectFrom('document_reads')
    .select((eb) => eb.fn.countAll<string>().as('reads'))
    .where('document_id', '=', documentId)
    .executeTakeFirstOrThrow();
  return Number(reads) === 1 ? document : undefined;
}

/** A document's event for its authority's business applications: where it went, never its content. */
const documentEvent = (
  type: 'document.published' | 'document.opened',
  document: DocumentRow,
): OutboundEvent => ({
  type,
  authorityId: document.authority_id,
  subject: `document:${document.id}`,
  data: {
    document: {
      id: document.id,
      category: document.category,
      requestId: document.request_id,
      accountId: document.account_id,
    },
  },
});

/**
 * Deletes a document for good: its key is destroyed first (so the content is unreadable even in a
 * backup of the blob store), then its blob; the row stays as a trace that it existed.
 */
export async function destroyDocument(
  vault: DocumentVault,
  actor: string,
  document: DocumentRow,
  reason: string,
) {
  await audited(
    vault.db,
    {
      actor,
      action: 'document.delete',
      subjectType: 'document',
      subjectId: document.id,
      authorityId: document.authority_id,
      details: { reason },
    },
    (tx) =>
      tables(tx)
        .updateTable('documents')
        .set({ wrapped_key: null, key_id: null, deleted_at: sql`now()` })
        .where('id', '=', document.id)
        .execute(),
  );
  await vault.store.delete(document.id);
}

/** Wraps every document key still under an older master key with the current one; returns how many. */
export async function rewrapKeys(vault: DocumentVault, batchSize = 500): Promise<number> {
  const current = vault.keys[0]?.id;
  if (!current) return 0;
  let total = 0;
  for (;;) {
    const batch = await tables(vault.db)
      .selectFrom('documents')
      .select(['id', 'wrapped_key', 'key_id'])
      .where('wrapped_key', 'is not', null)
      .where('key_id', '<>', current)
      .limit(batchSize)
      .execute();
    if (batch.length === 0) return total;
    const rewrapped = {
      actor: 'system',
      action: 'document.keys.rewrap',
      subjectType: 'master-key',
      subjectId: current,
      details: { documents: batch.map((row) => row.id) },
    };
    await audited(vault.db, rewrapped, async (tx) => {
      for (const row of batch) {
        const next = rewrapKey(vault.keys, row.id, {
          wrappedKey: row.wrapped_key as Buffer,
          keyId: row.key_id as string,
        });
        // Only if nobody changed it meanwhile (another worker, a deletion).
        await tables(tx)
          .updateTable('documents')
          .set({ wrapped_key: next.wrappedKey, key_id: next.keyId })
          .where('id', '=', row.id)
          .where('key_id', '=', row.key_id)
          .execute();
      }
    });
    total += batch.length;
  }
}

/**
 * Documents an authority issued that the recipient (the holder or a member, see `readByRecipient`)
 * has not opened: after `reminderDays` the people of the account are told again; after
 * `fallbackDays` the authority gets a task to send it by post. What citizens sent is never owed back.
 */
export async function remindUnread(
  db: Db,
  days: { reminderDays: number; fallbackDays: number },
  now = new Date(),
): Promise<{ reminded: number; fallbacks: number }> {
  const before = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const toRemind = await tables(db)
    .selectFrom('documents')
    .selectAll()
    .where('sent_by_person_id', 'is', null)
    .where((eb) => eb.not(eb.exists(readByRecipient(db).select('document_reads.person_id'))))
    .where('deleted_at', 'is', null)
    .where('quarantined_at', 'is', null)
    .where('reminded_at', 'is', null)
    .where('created_at', '<', before(days.reminderDays))
    .execute();
  for (const document of toRemind)
    await db.transaction().execute(async (tx) => {
      await notifyDocument(tx, document, `document:${document.id}:reminder`);
      await tables(tx)
        .updateTable('documents')
        .set({ reminded_at: now })
        .where('id', '=', document.id)
        .execute();
    });
  const fallbacks = await sql<{ document_id: string }>`
    insert into document_postal_fallbacks (document_id, authority_id)
    select id, authority_id from documents
    where sent_by_person_id is null and deleted_at is null and quarantined_at is null and created_at < ${before(days.fallbackDays)}
      and not exists (select 1 from document_reads r
        where r.document_id = documents.id and r.via in ('holder', 'member'))
    on conflict (document_id) do nothing
    returning document_id`.execute(db);
  return { reminded: toRemind.length, fallbacks: fallbacks.rows.length };
}

/** The paper letters an authority still owes, oldest first. */
export async function listPostalFallbacks(db: Db, authorityId: string) {
  return tables(db)
    .selectFrom('document_postal_fallbacks')
    .innerJoin('documents', 'documents.id', 'document_postal_fallbacks.document_id')
    .select([
      'documents.id',
      'documents.title',
      'documents.account_id as accountId',
      'document_postal_fallbacks.created_at as createdAt',
    ])
    .where('document_postal_fallbacks.authority_id', '=', authorityId)
    .where('document_postal_fallbacks.done_at', 'is', null)
    .orderBy('document_postal_fallbacks.created_at')
    .execute();
}

/** Staff record that the letter went out by post; `false` when there is no such letter to send. */
export async function completePostalFallback(db: Db, actor: string, authorityId: string, documentId: string) {
  const posted = {
    actor,
    action: 'document.postal-fallback.done',
    subjectType: 'document',
    subjectId: documentId,
    authorityId,
  };
  return db.transaction().execute(async (tx) => {
    const owed = await tables(tx)
      .selectFrom('document_postal_fallbacks')
      .select('document_id')
      .where('document_id', '=', documentId)
      .where('authority_id', '=', authorityId)
      .where('done_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!owed) return false;
    await auditedTx(tx, posted, (tx) =>
      tables(tx)
        .updateTable('document_postal_fallbacks')
        .set({ done_at: sql`now()`, done_by: actor })
        .where('document_id', '=', documentId)
        .execute(),
    );
    return true;
  });
}

/** Destroys the documents whose retention period ended before `now`. */
export async function applyRetention(vault: DocumentVault, now = new Date()): Promise<number> {
  const expired = await tables(vault.db)
    .selectFrom('documents')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('retain_until', '<', now.toISOString().slice(0, 10))
    .execute();
  for (const document of expired) await destroyDocument(vault, 'system', document, 'retention');
  return expired.length;
}
