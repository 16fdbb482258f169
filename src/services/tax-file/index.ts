import type { GuichetModule } from '../../platform/module.ts';
import { taxMySpace } from './my-space.tsx';
import { taxFileRoutes } from './routes.tsx';

/**
 * The tax file's documents (Service cantonal des contributions): the last two tax years read live from
 * the tax system (`TAX_SYSTEM_URL`), for the taxpayer and for a representative with a "tax" mandate,
 * every look in the taxpayer's access log; older documents by a short form, answered by the tax
 * system through the API (src/simulators/tax-system in the demo).
 */
export const taxFileService: GuichetModule = {
  name: 'tax-file',
  routes: taxFileRoutes,
  mySpace: taxMySpace,
};

export { setUpTaxFile, taxFileSlug } from './set-up.ts';
