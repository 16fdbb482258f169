import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import type { createBlobStore } from '../modules/documents/index.ts';
import { changeLogTables } from '../platform/database/change-log.ts';

/**
 * `guichet backup FILE`: the database and the document blobs in one gzipped file of lines.
 *
 * The rows are read in one read-only REPEATABLE READ transaction, so they are one consistent moment even
 * while the portal keeps writing; the blobs of the documents that moment knows are copied after it. A
 * blob is never changed under a document except by sealing, which keeps the document's key: a sealed
 * copy newer than the moment is caught by the restore's reconciliation and its still-queued sealing job
 * writes it again. Rows travel as PostgreSQL's own JSON text (never parsed here, so 64-bit integers and
 * timestamps keep every digit). The file is written aside and renamed at the end: a file under its real
 * name is complete, which its last line (`end`, with the counts) also says.
 *
 * Lines: `H {manifest}`, `T {table}`, `R <table index> [rows…]`, `S {sequence values}`, `B <key> <base64>`,
 * `E {counts}`.
 */
/** Where the document blobs live (the documents module's store). */
export type BlobStore = ReturnType<typeof createBlobStore>;

export const backupFormat = 'guichet-backup/1';

/** The schemas a backup holds (the change log aside): the modules' tables and the job queue (its pending jobs are the outbox). */
export const backedUpSchemas = ['public', 'graphile_worker'];

export interface TableInfo {
  schema: string;
  name: string;
  columns: string[];
}

export interface BackupCounts {
  tables: Record<string, number>;
  blobs: number;
  blobBytes: number;
  missingBlobs: string[];
}

/** Tables and their stored (not generated) columns, in a stable order. */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ schema: string; name: string; columns: string[] }>(
    `select n.nspname as schema, c.relname as name,
            array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any($1)
        and not (n.nspname = 'public' and c.relname = any($2))
      group by n.nspname, c.relname
      order by n.nspname, c.relname`,
    [backedUpSchemas, changeLogTables],
  );
  return rows;
}

export const qualified = (table: { schema: string; name: string }) =>
  `"${table.schema}"."${table.name.replaceAll('"', '""')}"`;
/**
 * A line break in PostgreSQL's JSON text can only be whitespace kept from a `json` column (strings
 * escape theirs): a space in its place is the same JSON and keeps one row batch on one line.
 */
const lineBreaks = /[\r\n]/g;
const columnList = (columns: string[]) => columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');

export async function writeBackup(options: {
  pool: pg.Pool;
  store: BlobStore;
  file: string;
  now?: Date;
}): Promise<BackupCounts> {
  const partial = `${options.file}.partial`;
  const gzip = createGzip();
  const output = gzip.pipe(createWriteStream(partial, { mode: 0o600 }));
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const counts: BackupCounts = { tables: {}, blobs: 0, blobBytes: 0, missingBlobs: [] };
  let client: pg.PoolClient | undefined = await options.pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows: migrations } = await client.query<{ name: string }>(
      'select name from schema_migrations order by name',
    );
    const tables = await listTables(client);
    await write(
      `H ${JSON.stringify({
        format: backupFormat,
        takenAt: (options.now ?? new Date()).toISOString(),
        blobStore: options.store.kind,
        migrations: migrations.map((m) => m.name),
      })}`,
    );
    for (const [index, table] of tables.entries()) {
      await write(`T ${JSON.stringify({ index, ...table })}`);
      const name = `${table.schema}.${table.name}`;
      counts.tables[name] = 0;
      await client.query(
        `declare rows no scroll cursor for select row_to_json(t)::text as row from (select ${columnList(table.columns)} from ${qualified(table)}) t`,
      );
      for (;;) {
        const { rows } = await client.query<{ row: string }>('fetch 500 from rows');
        if (rows.length === 0) break;
        counts.tables[name] = (counts.tables[name] ?? 0) + rows.length;
        await write(`R ${index} [${rows.map((r) => r.row.replace(lineBreaks, ' ')).join(',')}]`);
      }
      await client.query('close rows');
    }
    const { rows: sequences } = await client.query<{ schema: string; name: string }>(
      `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'S' and n.nspname = any($1) order by 1, 2`,
      [backedUpSchemas],
    );
    const values: { schema: string; name: string; value: string; called: boolean }[] = [];
    for (const sequence of sequences) {
      const { rows } = await client.query<{ value: string; called: boolean }>(
        `select last_value::text as value, is_called as called from ${qualified(sequence)}`,
      );
      if (rows[0]) values.push({ ...sequence, ...rows[0] });
    }
    await write(`S ${JSON.stringify(values)}`);
    // The keys of the documents the moment knows with content; with the PostgreSQL store they are rows.
    const keys =
      options.store.kind === 'postgres'
        ? []
        : (
            await client.query<{ id: string }>(
              'select id from documents where wrapped_key is not null order by id',
            )
          ).rows.map((r) => r.id);
    await client.query('commit');
    client.release();
    client = undefined;
    for (const key of keys) {
      const bytes = await options.store.get(key);
      // Deleted since the moment (its row says so in the live database): nothing to keep.
      if (!bytes) {
        counts.missingBlobs.push(key);
        continue;
      }
      counts.blobs += 1;
      counts.blobBytes += bytes.length;
      await write(`B ${key} ${bytes.toString('base64')}`);
    }
    await write(`E ${JSON.stringify(counts)}`);
    gzip.end();
    await once(output, 'finish');
    await rename(partial, options.file);
    return counts;
  } catch (error) {
    client?.release();
    gzip.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
