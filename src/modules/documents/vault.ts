import { randomBytes } from 'node:crypto';
import { loadOrCreateSetting } from '../../platform/http/session.ts';
import type { Platform } from '../../platform/module.ts';
import { createBlobStore } from './blob-store.ts';
import type { DocumentVault } from './documents.ts';
import { type MasterKey, parseMasterKeys } from './encryption.ts';

const vaults = new WeakMap<Platform, Promise<DocumentVault>>();

/**
 * The master keys come from configuration. Only the demo may run without: it then generates one and
 * keeps it in the database — which protects nothing against whoever reads the database, hence demo only.
 */
export function checkDocumentKeys(platform: Platform): MasterKey[] | undefined {
  const { documentMasterKeys, demo } = platform.config;
  if (documentMasterKeys) return parseMasterKeys(documentMasterKeys);
  if (!demo)
    throw new Error('DOCUMENT_MASTER_KEYS is required (see README: documents are encrypted at rest)');
  return undefined;
}

export function vaultOf(platform: Platform): Promise<DocumentVault> {
  let vault = vaults.get(platform);
  if (!vault) {
    vault = (async () => {
      const keys =
        checkDocumentKeys(platform) ??
        parseMasterKeys(
          `demo:${await loadOrCreateSetting(platform.db, 'demo_document_master_key', () => randomBytes(32).toString('base64'))}`,
        );
      return { db: platform.db, store: createBlobStore(platform.config.documentStore, platform.db), keys };
    })();
    vaults.set(platform, vault);
  }
  return vault;
}
