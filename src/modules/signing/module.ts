import type { GuichetModule } from '../../platform/module.ts';
import { walletCredentialsMySpace } from './credentials/my-space.tsx';
import { walletCredentialsRoutes } from './credentials/routes.tsx';
import { offerWalletCredential, revokeWalletCredential } from './credentials/wallet-credentials.ts';
import type { LayoutRenderer } from './issuing/content.ts';
import { issuingContextOf } from './issuing/issue-document.ts';
import { issuingRoutes } from './issuing/routes.tsx';
import { sealIssued } from './issuing/seal-issued.ts';
import * as create from './migrations/2026-12-01-10-signing-create.ts';
import * as issued from './migrations/2026-12-01-30-signing-issued-documents.ts';
import * as issuedLayout from './migrations/2026-12-01-95-signing-issued-layout.ts';
import * as walletCredentials from './migrations/2026-12-02-70-signing-wallet-credentials.ts';
import * as changeLog from './migrations/2026-12-07-41-signing-change-log.ts';

/**
 * Each authority's electronic seal (keys, certificates, PAdES B-T sealing) and its validation; the
 * documents Guichet issues (register, layout, QR code), sealed by a job. `layouts`: the renderers of
 * layouts that modules above draw themselves (a QR-bill), by name.
 */
export const signingModule = (wiring: { layouts: Record<string, LayoutRenderer> }): GuichetModule => ({
  name: 'signing',
  migrations: {
    '2026-12-01-10-signing-create': create,
    '2026-12-01-30-signing-issued-documents': issued,
    '2026-12-01-95-signing-issued-layout': issuedLayout,
    '2026-12-02-70-signing-wallet-credentials': walletCredentials,
    '2026-12-07-41-signing-change-log': changeLog,
  },
  routes: (platform) => [...issuingRoutes(platform), ...walletCredentialsRoutes(platform)],
  jobs: (platform) => ({
    'signing:seal-issued': async ({ issuedId }) =>
      sealIssued(await issuingContextOf(platform), issuedId, wiring.layouts, platform.now()),
    'signing:offer-credential': ({ credentialId }) =>
      offerWalletCredential(platform.db, platform.config.swiyu.issuer, credentialId),
    'signing:revoke-credential': ({ credentialId }) =>
      revokeWalletCredential(platform.db, platform.config.swiyu.issuer, credentialId, platform.now()),
  }),
  mySpace: walletCredentialsMySpace,
});
