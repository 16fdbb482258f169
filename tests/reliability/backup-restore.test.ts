import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import {
  createBlobStore,
  type DocumentRow,
  type DocumentVault,
  publishDocument,
  readDocument,
} from '../../src/modules/documents/index.ts';
import { parseMasterKeys } from '../../src/platform/crypto/master-keys.ts';
import { connectDatabase, ensureDatabaseExists } from '../../src/platform/database/database.ts';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createCitizen } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { runGuichet, writeFigures } from './figures.ts';

const MASTER_KEYS = `k1:${Buffer.alloc(32, 9).toString('base64')}`;
let database: TestDatabase;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  folder = await mkdtemp(path.join(os.tmpdir(), 'guichet-backup-'));
});
afterAll(async () => {
  await database.drop();
  await rm(folder, { recursive: true, force: true });
});

const pdf = (n: number) => Buffer.concat([Buffer.from(`%PDF-1.4\n% ${n}\n`), randomBytes(64 * 1024)]);

describe('guichet backup and restore', { timeout: 240_000 }, () => {
  it('backs up under write load; the restore into an empty data folder has every document acknowledged before, an intact audit trail and every blob', async () => {
    const live = path.join(folder, 'live-documents');
    const vault: DocumentVault = {
      db: database.db,
      store: createBlobStore({ kind: 'folder', directory: live }, database.db),
      keys: parseMasterKeys(MASTER_KEYS),
    };
    const citizen = await createCitizen(database.db, { givenNames: 'Luc', familyName: 'Favre' });
    const authority = await getAuthorityBySlug(database.db, 'spf');
    const acknowledged: { id: string; at: number }[] = [];
    let writing = true;
    let n = 0;
    const writer = async () => {
      while (writing) {
        const i = n++;
        const { document } = await publishDocument(vault, {
          accountId: citizen.account.id,
          authorityId: authority?.id ?? '',
          title: `Pièce ${i}`,
          category: 'extract',
          theme: 'debtCollection',
          message: null,
          filename: `piece-${i}.pdf`,
          bytes: pdf(i),
          idempotencyKey: `backup-${i}`,
          publishedBy: 'test',
        });
        acknowledged.push({ id: document.id, at: Date.now() });
      }
    };
    const writers = [writer(), writer(), writer()];
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 50));

    const file = path.join(folder, 'guichet.backup');
    const env = {
      DATABASE_URL: database.url,
      MASTER_KEYS,
      DOCUMENT_STORE: 'folder',
      DOCUMENT_STORE_DIR: live,
    };
    const startedAt = Date.now();
    const backup = await runGuichet(['backup', file], env);
    const backupMs = Date.now() - startedAt;
    writing = false;
    await Promise.all(writers);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const before = acknowledged.filter((a) => a.at < startedAt);
    const during = acknowledged.length - before.length;
    expect(during, 'documents were published while the backup ran').toBeGreaterThan(0);

    const empty = path.join(folder, 'restored');
    const restoredAt = Date.now();
    const restore = await runGuichet(['restore', file], {
      GUICHET_DATA_DIR: empty,
      MASTER_KEYS,
      DOCUMENT_STORE: 'folder',
    });
    const restoreMs = Date.now() - restoredAt;
    expect(restore.code, restore.stderr).toBe(0);
    // Its verdict is the one JSON line starting with "ok" (log lines may come around it).
    const verdict = JSON.parse(restore.stdout.split('\n').find((line) => line.startsWith('{"ok"')) ?? '{}');
    expect(verdict.ok).toBe(true);
    expect(verdict.audit.intact).toBe(true);
    expect(verdict.reconciliation.withoutBlob).toBe(0);
    expect(verdict.reconciliation.unreadable).toBe(0);

    // A second restore over the restored portal is refused rather than mixing two copies.
    const again = await runGuichet(['restore', file], { GUICHET_DATA_DIR: empty, MASTER_KEYS });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('empty database');

    // The restored folder, opened as `guichet start` would: each document acknowledged before the
    // backup began is there and reads back.
    const logger = createLogger('warn');
    const server = await startEmbeddedPostgres({ dataDir: empty, logger });
    const restored = connectDatabase(await ensureDatabaseExists(server.url, 'guichet'), () => undefined);
    try {
      const store = createBlobStore(
        { kind: 'folder', directory: path.join(empty, 'documents') },
        restored.db,
      );
      const ids = before.map((a) => a.id);
      const { rows } = await sql<DocumentRow>`select * from documents where id in (${sql.join(ids)})`.execute(
        restored.db,
      );
      expect(rows).toHaveLength(before.length);
      for (const row of rows) await readDocument({ db: restored.db, store, keys: vault.keys }, row);
      const { rows: audit } = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(
        restored.db,
      );
      await writeFigures('backup-restore', {
        acknowledgedBeforeBackup: before.length,
        publishedDuringBackup: during,
        restoredDocuments: verdict.reconciliation.documents,
        restoredRows: verdict.rows,
        auditEvents: audit[0]?.n,
        backupBytes: (await stat(file)).size,
        backupMs,
        restoreMs,
      });
    } finally {
      await restored.close();
      await server.stop();
    }
  });
});
