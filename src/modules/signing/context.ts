import type { Platform } from '../../platform/module.ts';

/**
 * What sealing needs: the database (or a transaction) and the configuration (master keys, the
 * authorities' PKCS#12, the timestamp authority). `platform` is one; in a transaction, `{ ...platform, db: tx }`.
 */
export type SealContext = Pick<Platform, 'db' | 'config'>;
