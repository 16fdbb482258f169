import type { GuichetModule } from '../../platform/module.ts';
import { registerCompanies } from './register-data.ts';

/**
 * A stand-in for the commercial register's lookup service (Zefix-like JSON), mounted only in demo and
 * test set-ups. Guichet reaches it over HTTP through the same client as the real one.
 */
export const commercialRegisterSimulator: GuichetModule = {
  name: 'commercial-register-simulator',
  routes: () => [
    {
      method: 'GET',
      path: '/simulators/commercial-register/companies/:uid',
      access: 'anonymous',
      object: { none: 'a simulator of the commercial register (demo and tests)' },
      handler(c) {
        const company = registerCompanies.find((entry) => entry.uid === c.req.param('uid'));
        return company ? c.json(company) : c.json({ error: 'not_found' }, 404);
      },
    },
    {
      method: 'GET',
      path: '/simulators/commercial-register/signatories/:avs/companies',
      access: 'anonymous',
      object: { none: 'a simulator of the commercial register (demo and tests)' },
      handler(c) {
        const avs = c.req.param('avs');
        return c.json(registerCompanies.filter((entry) => entry.signatories.some((s) => s.avs === avs)));
      },
    },
  ],
};
