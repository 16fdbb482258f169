import type { GuichetModule } from '../../platform/module.ts';
import { issuingContextOf } from './issuing/issue-document.ts';
import { issuingRoutes } from './issuing/routes.tsx';
import { sealIssued } from './issuing/seal-issued.ts';
import * as create from './migrations/2026-12-01-10-signing-create.ts';
import * as issued from './migrations/2026-12-01-30-signing-issued-documents.ts';

/**
 * Each authority's electronic seal (keys, certificates, PAdES B-T sealing) and its validation; the
 * documents Guichet issues (register, layout, QR code), sealed by a job.
 */
export const signingModule: GuichetModule = {
  name: 'signing',
  migrations: {
    '2026-12-01-10-signing-create': create,
    '2026-12-01-30-signing-issued-documents': issued,
  },
  routes: issuingRoutes,
  jobs: (platform) => ({
    'signing:seal-issued': async ({ issuedId }) =>
      sealIssued(await issuingContextOf(platform), issuedId, platform.now()),
  }),
};
