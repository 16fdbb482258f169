import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import type pg from 'pg';
import { type DocumentRow, readDocument } from '../modules/documents/index.ts';
import type { MasterKey } from '../platform/crypto/master-keys.ts';
import type { Db } from '../platform/database/database.ts';
import {
  type BackupCounts,
  type BlobStore,
  backupFormat,
  listTables,
  qualified,
  type TableInfo,
} from './backup.ts';

/**
 * `guichet restore FILE` into a migrated database that holds no data yet (no audit event): every table
 * is filled in one transaction, with the blobs put into the store before it commits (a blob without its
 * row is harmless, a row without its blob is not). Triggers — append-only guards, foreign keys — are
 * off for the restoring session only (`session_replication_role = replica`, which needs a superuser
 * or a role granted that setting): the rows are a consistent copy already, in no particular order.
 * A file without its `E` line is cut short and restores nothing.
 */
export async function restoreBackup(options: {
  pool: pg.Pool;
  store: BlobStore;
  file: string;
}): Promise<BackupCounts> {
  const client = await options.pool.connect();
  try {
    const { rows: audit } = await client.query<{ any: boolean }>(
      'select exists (select 1 from audit_events) as any',
    );
    if (audit[0]?.any) throw new Error('restore goes into an empty database: this one already has data');
    const { rows: migrations } = await client.query<{ name: string }>(
      'select name from schema_migrations order by name',
    );
    const target = new Map((await listTables(client)).map((t) => [`${t.schema}.${t.name}`, t]));
    const tables = new Map<number, TableInfo>();
    const restored: Record<string, number> = {};
    let blobs = 0;
    let blobBytes = 0;
    let end: BackupCounts | undefined;
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    // Opened only now: the lines it reads before the loop asks for them would be lost.
    const lines = createInterface({
      input: createReadStream(options.file).pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      const kind = line.slice(0, 1);
      const body = line.slice(2);
      if (kind === 'H') {
        const header = JSON.parse(body) as { format: string; migrations: string[] };
        if (header.format !== backupFormat) throw new Error(`not a ${backupFormat} file`);
        const ours = migrations.map((m) => m.name).join(',');
        if (header.migrations.join(',') !== ours)
          throw new Error('the backup was taken by another version of Guichet (its migrations differ)');
      } else if (kind === 'T') {
        const table = JSON.parse(body) as TableInfo & { index: number };
        const name = `${table.schema}.${table.name}`;
        if (target.get(name)?.columns.join(',') !== table.columns.join(','))
          throw new Error(`table ${name} differs between the backup and this database`);
        tables.set(table.index, table);
        restored[name] = 0;
        // What the migrations themselves put there (their own bookkeeping) is replaced by the copy.
        await client.query(`delete from ${qualified(table)}`);
      } else if (kind === 'R') {
        const space = body.indexOf(' ');
        const table = tables.get(Number(body.slice(0, space)));
        if (!table) throw new Error('rows before their table');
        const columns = table.columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
        const { rowCount } = await client.query(
          `insert into ${qualified(table)} (${columns}) overriding system value
           select ${columns} from json_populate_recordset(null::${qualified(table)}, $1::json)`,
          [body.slice(space + 1)],
        );
        restored[`${table.schema}.${table.name}`] =
          (restored[`${table.schema}.${table.name}`] ?? 0) + (rowCount ?? 0);
      } else if (kind === 'S') {
        for (const s of JSON.parse(body) as {
          schema: string;
          name: string;
          value: string;
          called: boolean;
        }[])
          await client.query('select setval($1::regclass, $2::bigint, $3)', [
            qualified(s),
            s.value,
            s.called,
          ]);
      } else if (kind === 'B') {
        const space = body.indexOf(' ');
        const bytes = Buffer.from(body.slice(space + 1), 'base64');
        await options.store.put(body.slice(0, space), bytes);
        blobs += 1;
        blobBytes += bytes.length;
      } else if (kind === 'E') {
        end = JSON.parse(body) as BackupCounts;
      } else throw new Error(`unknown line kind "${kind}"`);
    }
    if (!end) throw new Error('the backup is cut short (no end line): nothing restored');
    for (const [name, count] of Object.entries(end.tables))
      if (restored[name] !== count) throw new Error(`table ${name}: ${restored[name]} rows of ${count}`);
    if (blobs !== end.blobs) throw new Error(`${blobs} blobs of ${end.blobs}`);
    await client.query('commit');
    return { tables: restored, blobs, blobBytes, missingBlobs: end.missingBlobs };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface Reconciliation {
  documents: number;
  withoutBlob: string[];
  /** Blob newer than the row (sealed after the backup's moment): the queued sealing job rewrites it. */
  awaitingSeal: string[];
  unreadable: string[];
}

/** Every document with content has a blob that decrypts to the hash its row records. */
export async function reconcileBlobs(db: Db, store: BlobStore, keys: MasterKey[]): Promise<Reconciliation> {
  const result: Reconciliation = { documents: 0, withoutBlob: [], awaitingSeal: [], unreadable: [] };
  const { rows } = await sql<DocumentRow>`select * from documents where wrapped_key is not null`.execute(db);
  for (const row of rows) {
    result.documents += 1;
    if (!(await store.get(row.id))) {
      result.withoutBlob.push(row.id);
      continue;
    }
    try {
      await readDocument({ db, store, keys }, row);
    } catch {
      (row.awaiting_seal ? result.awaitingSeal : result.unreadable).push(row.id);
    }
  }
  return result;
}
