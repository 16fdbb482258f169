import type { GuichetModule } from '../../platform/module.ts';
import * as create from './migrations/2026-12-01-10-signing-create.ts';

/** Each authority's electronic seal (keys, certificates, PAdES B-T sealing) and its validation. */
export const signingModule: GuichetModule = {
  name: 'signing',
  migrations: { '2026-12-01-10-signing-create': create },
};
