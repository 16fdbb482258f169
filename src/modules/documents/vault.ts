import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import type { Platform } from '../../platform/module.ts';
import { createBlobStore } from './blob-store.ts';
import type { DocumentVault } from './documents.ts';

const vaults = new WeakMap<Platform, Promise<DocumentVault>>();

export function vaultOf(platform: Platform): Promise<DocumentVault> {
  let vault = vaults.get(platform);
  if (!vault) {
    vault = (async () => ({
      db: platform.db,
      store: createBlobStore(platform.config.documentStore, platform.db),
      keys: await masterKeysFor(platform.config, platform.db),
    }))();
    vaults.set(platform, vault);
  }
  return vault;
}
