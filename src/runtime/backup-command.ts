import { createBlobStore } from '../modules/documents/index.ts';
import { verifyAudit } from '../platform/audit/verify-audit.ts';
import type { Config } from '../platform/config/config.ts';
import { masterKeysFor } from '../platform/crypto/master-keys.ts';
import { writeBackup } from './backup.ts';
import { migrate } from './build-app.ts';
import type { OpenDatabase } from './open-database.ts';
import { reconcileBlobs, restoreBackup } from './restore.ts';

export const backupUsage = `  backup FILE        write the database and the document blobs, as one consistent moment, to FILE
                     (gzipped; safe while the portal runs)
  restore FILE       load FILE into an empty data folder or database (same Guichet version), then check
                     the audit trail and that every document's blob is there and decrypts; prints JSON,
                     exit code 2 when a check fails`;

/** `guichet backup FILE` and `guichet restore FILE`; answers the exit code. */
export async function backupCommand(
  command: 'backup' | 'restore',
  file: string | undefined,
  config: Config,
  database: OpenDatabase,
): Promise<number> {
  if (!file) throw new Error(`usage: guichet ${command} FILE`);
  const store = createBlobStore(config.documentStore, database.db);
  if (command === 'backup') {
    const counts = await writeBackup({ pool: database.pool, store, file });
    const rows = Object.values(counts.tables).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `${JSON.stringify({ file, rows, blobs: counts.blobs, blobBytes: counts.blobBytes, deletedMeanwhile: counts.missingBlobs.length })}\n`,
    );
    return 0;
  }
  await migrate(database.db, database.pool);
  const restored = await restoreBackup({ pool: database.pool, store, file });
  const keys = await masterKeysFor(config, database.db);
  const audit = await verifyAudit(database.db, keys);
  const blobs = await reconcileBlobs(database.db, store, keys);
  const ok = audit.intact && blobs.withoutBlob.length === 0 && blobs.unreadable.length === 0;
  process.stdout.write(
    `${JSON.stringify({
      ok,
      rows: Object.values(restored.tables).reduce((a, b) => a + b, 0),
      tables: restored.tables,
      blobs: restored.blobs,
      audit: { intact: audit.intact, problems: audit.problems },
      reconciliation: {
        documents: blobs.documents,
        withoutBlob: blobs.withoutBlob.length,
        unreadable: blobs.unreadable.length,
        awaitingSeal: blobs.awaitingSeal.length,
      },
    })}\n`,
  );
  return ok ? 0 : 2;
}
