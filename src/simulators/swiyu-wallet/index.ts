import type { GuichetModule } from '../../platform/module.ts';
import { eidStatusListJwt, eidStatusListPath } from './eid-issuer.ts';

export { eidVct, revokeEid, testEidIssuerDid } from './eid-issuer.ts';
export { type EidClaims, type PresentOptions, SimulatedWallet } from './wallet.ts';

/**
 * The simulated wallet's server side: only the test e-ID issuer's token status list, which verifiers
 * fetch. The wallet itself (wallet.ts) runs in the test, or the demo's wallet page, as the app runs on a phone.
 */
export const swiyuWalletSimulator: GuichetModule = {
  name: 'swiyu-wallet-simulator',
  routes: (platform) => [
    {
      method: 'GET',
      path: eidStatusListPath,
      access: 'anonymous',
      async handler(c) {
        const jwt = await eidStatusListJwt(`${platform.config.publicUrl}${eidStatusListPath}`);
        return c.body(jwt, 200, { 'Content-Type': 'application/statuslist+jwt' });
      },
    },
  ],
};
