import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../src/modules/documents/index.ts';
import { writeBackup } from '../../src/runtime/backup.ts';
import { restoreBackup } from '../../src/runtime/restore.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const databases: TestDatabase[] = [];
let folder = '';
let source: TestDatabase;
const fresh = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
};

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'guichet-backup-format-'));
  source = await fresh();
  await seedDemo(source.db);
});
afterAll(async () => {
  for (const database of databases) await database.drop();
  await rm(folder, { recursive: true, force: true });
});

/** A digest of a table's rows, the same wherever the same rows are. */
const digest = async (database: TestDatabase, table: string, order: string) =>
  (
    await sql<{
      d: string;
    }>`select md5(coalesce(string_agg(t::text, '|' order by ${sql.raw(order)}), '')) as d
      from ${sql.table(table)} t`.execute(database.db)
  ).rows[0]?.d;

describe('the backup file', () => {
  it('restores every row as it was, audit chain and job queue included', async () => {
    const file = path.join(folder, 'whole.backup');
    const store = (database: TestDatabase) => createBlobStore({ kind: 'postgres' }, database.db);
    const written = await writeBackup({ pool: source.pool, store: store(source), file });
    const target = await fresh();
    const restored = await restoreBackup({ pool: target.pool, store: store(target), file });
    expect(restored.tables).toEqual(written.tables);
    for (const [table, order] of [
      ['audit_events', 'id'],
      ['authorities', 'id'],
      ['catalogue_services', 'id'],
      ['platform_settings', 'name'],
    ] as const)
      expect(await digest(target, table, order), table).toBe(await digest(source, table, order));
    // Sequences follow: the next audit event gets the next id, not one already taken.
    const next = async (database: TestDatabase) =>
      (await sql<{ n: string }>`select last_value::text as n from audit_events_id_seq`.execute(database.db))
        .rows[0]?.n;
    expect(await next(target)).toBe(await next(source));
  });

  it('cut short, restores nothing', async () => {
    const file = path.join(folder, 'cut.backup');
    await writeBackup({ pool: source.pool, store: createBlobStore({ kind: 'postgres' }, source.db), file });
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    const target = await fresh();
    await expect(
      restoreBackup({ pool: target.pool, store: createBlobStore({ kind: 'postgres' }, target.db), file }),
    ).rejects.toThrow();
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from authorities`.execute(target.db);
    expect(rows[0]?.n).toBe(0);
  });
});
