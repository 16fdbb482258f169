import type { GuichetModule } from '../../platform/module.ts';
import * as connection from './migrations/2026-12-02-21-health-professional-data-register-connection.ts';
import { healthRegisterRoutes } from './routes.tsx';

/**
 * Health professionals' and institutions' administrative data: their entry in the health register
 * (read from the register's API), and announcements of changes, which run as requests on a form and
 * workflow configured like any other; the register writes what the health service accepts.
 */
export const healthProfessionalDataService: GuichetModule = {
  name: 'health-professional-data',
  migrations: { '2026-12-02-21-health-professional-data-register-connection': connection },
  routes: healthRegisterRoutes,
};

export { connectRegisterApi } from './register-client.ts';
export { changeFormId, setUpHealthProfessionalData } from './setup.ts';
