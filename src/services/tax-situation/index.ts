import type { GuichetModule } from '../../platform/module.ts';
import { taxSituationRoutes } from './routes.tsx';

/**
 * The tax situation (Service cantonal des contributions): the taxpayer's account per period and tax
 * type with totals and its open invoices payable by QR-bill, for persons and organisations, read live
 * from the tax system (`TAX_SYSTEM_URL`; src/simulators/tax-system in the demo), never copied.
 */
export const taxSituationService: GuichetModule = { name: 'tax-situation', routes: taxSituationRoutes };
