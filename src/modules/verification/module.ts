import { createRequire } from 'node:module';
import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import { verificationRoutes } from './routes.tsx';
import type { VerificationSources } from './sources.ts';
import { walletRoutes } from './wallet-routes.tsx';

/**
 * Verification for anyone: the public page (camera, photo, PDF; offline), the signed trust and
 * revocation lists, the API. What it checks against comes from the signing module, handed over here.
 */
export function verificationModule(sources: VerificationSources): GuichetModule {
  return {
    name: 'verification',
    assetsDir: path.join(import.meta.dirname, 'assets'),
    assetFiles: { 'jsQR.js': createRequire(import.meta.url).resolve('jsqr') },
    routes: (platform) => [...verificationRoutes(platform, sources), ...walletRoutes(platform)],
  };
}
