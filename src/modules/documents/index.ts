import type { GuichetModule } from '../../platform/module.ts';
import { applyRetention, remindUnread, rewrapKeys } from './documents.ts';
import * as createDocuments from './migrations/2026-11-24-12-documents-create.ts';
import { documentsMySpace } from './my-space.tsx';
import { documentRoutes } from './routes.tsx';
import { vaultOf } from './vault.ts';

export { publishAttachment } from './attachment.ts';
export { createBlobStore } from './blob-store.ts';
export type { DocumentCategory } from './categories.ts';
export { documentFile } from './document-file.ts';
export {
  acceptedContentTypes,
  checkUpload,
  type DocumentRow,
  type DocumentVault,
  getDocumentOfAccount,
  getDocumentOfAuthority,
  listDocuments,
  oneDocumentBodyBytes,
  type Publication,
  publishDocument,
  readDocument,
  rewrapKeys,
} from './documents.ts';
export { vaultOf } from './vault.ts';
export { DocumentFileField } from './views/file-field.tsx';

/**
 * The secure document space: documents published into accounts by authorities (by hand, in bulk or
 * through the API), encrypted at rest, every access logged in the owner's access log.
 */
export const documentsModule: GuichetModule = {
  name: 'documents',
  migrations: { '2026-11-24-12-documents-create': createDocuments },
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
  }),
  mySpace: documentsMySpace,
};
