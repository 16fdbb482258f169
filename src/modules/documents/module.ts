import type { GuichetModule } from '../../platform/module.ts';
import { scanQuarantined } from '../../platform/uploads/index.ts';
import { applyRetention, releaseOrDestroy, remindUnread, rewrapKeys } from './documents.ts';
import * as createDocuments from './migrations/2026-11-24-12-documents-create.ts';
import * as originAndReads from './migrations/2026-11-30-57-documents-origin-and-reads.ts';
import * as sealingAndRevocation from './migrations/2026-12-01-31-documents-sealing-and-revocation.ts';
import * as quarantine from './migrations/2026-12-01-40-documents-quarantine.ts';
import * as level from './migrations/2026-12-07-30-documents-level.ts';
import * as changeLog from './migrations/2026-12-07-41-documents-change-log.ts';
import { documentsMySpace } from './my-space.tsx';
import { documentRoutes } from './routes.tsx';
import { vaultOf } from './vault.ts';

/**
 * The secure document space: documents published into accounts by authorities (by hand, in bulk or
 * through the API), encrypted at rest, every access logged in the owner's access log.
 */
export const documentsModule: GuichetModule = {
  name: 'documents',
  migrations: {
    '2026-11-24-12-documents-create': createDocuments,
    '2026-11-30-57-documents-origin-and-reads': originAndReads,
    '2026-12-01-31-documents-sealing-and-revocation': sealingAndRevocation,
    '2026-12-01-40-documents-quarantine': quarantine,
    '2026-12-07-30-documents-level': level,
    '2026-12-07-41-documents-change-log': changeLog,
  },
  routes: documentRoutes,
  jobs: (platform) => ({
    'documents:rewrap-keys': async () => {
      await rewrapKeys(await vaultOf(platform));
    },
    'documents:remind-unread': async () => {
      await remindUnread(platform.db, {
        reminderDays: platform.config.documentReminderDays,
        fallbackDays: platform.config.documentFallbackDays,
      });
    },
    'documents:apply-retention': async () => {
      await applyRetention(await vaultOf(platform));
    },
    'documents:scan-upload': async (job) => {
      const verdict = await releaseOrDestroy(
        await vaultOf(platform),
        (bytes) => scanQuarantined(platform.config, bytes),
        job,
      );
      if (verdict === 'infected')
        platform.logger.warn({ documentId: job.documentId }, 'quarantined document was infected: destroyed');
    },
  }),
  mySpace: documentsMySpace,
};
