import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { Db } from '../database/database.ts';

/** A master key from configuration; the first one configured seals what is new. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

const IV = 12;
const TAG = 16;

/** Parses `MASTER_KEYS`: `id:base64key,id2:base64key`, current key first; keys are 32 bytes. */
export function parseMasterKeys(value: string): MasterKey[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, encoded] = part.split(':');
      const key = Buffer.from(encoded ?? '', 'base64');
      if (!id || !/^[\w-]{1,40}$/.test(id) || key.length !== 32)
        throw new Error('MASTER_KEYS: each entry is id:<32 bytes in base64>, separated by commas');
      return { id, key };
    });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('MASTER_KEYS: ids must differ');
  return keys;
}

/** AES-256-GCM with a fresh IV; `aad` binds the result to what it belongs to (a document, a credential). */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
}

export function keyById(keys: MasterKey[], keyId: string): Buffer {
  const found = keys.find((k) => k.id === keyId);
  if (!found) throw new Error(`Master key "${keyId}" is not configured`);
  return found.key;
}

export function currentKey(keys: MasterKey[]): MasterKey {
  const current = keys[0];
  if (!current) throw new Error('No master key configured');
  return current;
}

/** A short secret (a TOTP seed) sealed with the current master key, as text: `keyId.base64`. */
export function sealText(keys: MasterKey[], plaintext: string, aad: string): string {
  const current = currentKey(keys);
  return `${current.id}.${seal(current.key, Buffer.from(plaintext), aad).toString('base64')}`;
}

export function openText(keys: MasterKey[], sealed: string, aad: string): string {
  const [keyId = '', body = ''] = sealed.split('.');
  return open(keyById(keys, keyId), Buffer.from(body, 'base64'), aad).toString();
}

/**
 * The master keys come from configuration; only the demo may run without: it then generates one and
 * keeps it in the database — which protects nothing against whoever reads the database, hence demo only.
 */
export function configuredMasterKeys(config: Config): MasterKey[] | undefined {
  if (config.masterKeys) return parseMasterKeys(config.masterKeys);
  if (!config.demo)
    throw new Error('MASTER_KEYS is required (see README: documents and secrets are encrypted at rest)');
  return undefined;
}

const loaded = new WeakMap<Db, Promise<MasterKey[]>>();

/** The keys for this database: the configured ones, or the demo's own. */
export function masterKeysFor(config: Config, db: Db): Promise<MasterKey[]> {
  let keys = loaded.get(db);
  if (!keys) {
    keys = (async () => {
      const configured = configuredMasterKeys(config);
      if (configured) return configured;
      // Imported here, not above: the configuration (which reads MASTER_KEYS) is loaded before the
      // embedded PostgreSQL starts, and must not bring the database layer with it (see src/cli.ts).
      const { loadOrCreateSetting } = await import('../http/session.ts');
      return parseMasterKeys(
        `demo:${await loadOrCreateSetting(db, 'demo_document_master_key', () => randomBytes(32).toString('base64'))}`,
      );
    })();
    loaded.set(db, keys);
  }
  return keys;
}
