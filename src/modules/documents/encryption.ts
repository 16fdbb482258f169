import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A master key from configuration; the first one configured wraps new document keys. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

const MAGIC = Buffer.from('GCH1');
const IV = 12;
const TAG = 16;

/** Parses `DOCUMENT_MASTER_KEYS`: `id:base64key,id2:base64key`, current key first; keys are 32 bytes. */
export function parseMasterKeys(value: string): MasterKey[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, encoded] = part.split(':');
      const key = Buffer.from(encoded ?? '', 'base64');
      if (!id || !/^[\w.-]{1,40}$/.test(id) || key.length !== 32)
        throw new Error('DOCUMENT_MASTER_KEYS: each entry is id:<32 bytes in base64>, separated by commas');
      return { id, key };
    });
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new Error('DOCUMENT_MASTER_KEYS: ids must differ');
  return keys;
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
}

export interface Encrypted {
  /** What the blob store keeps: a format tag, then IV, tag and ciphertext. */
  blob: Buffer;
  /** The document's own key, sealed with the master key `keyId`. */
  wrappedKey: Buffer;
  keyId: string;
  sha256: string;
}

/**
 * Encrypts a document with its own random key (AES-256-GCM), then wraps that key with the current
 * master key. Both are bound to the document id, so a blob or key moved to another document fails.
 */
export function encryptDocument(keys: MasterKey[], documentId: string, plaintext: Buffer): Encrypted {
  const current = keys[0];
  if (!current) throw new Error('No document master key configured');
  const documentKey = randomBytes(32);
  return {
    blob: Buffer.concat([MAGIC, seal(documentKey, plaintext, documentId)]),
    wrappedKey: seal(current.key, documentKey, documentId),
    keyId: current.id,
    sha256: createHash('sha256').update(plaintext).digest('hex'),
  };
}

function masterKey(keys: MasterKey[], keyId: string): Buffer {
  const found = keys.find((k) => k.id === keyId);
  if (!found) throw new Error(`Document master key "${keyId}" is not configured`);
  return found.key;
}

/** Decrypts and checks the content against the hash recorded at publication. */
export function decryptDocument(
  keys: MasterKey[],
  documentId: string,
  stored: { blob: Buffer; wrappedKey: Buffer; keyId: string; sha256: string },
): Buffer {
  if (!stored.blob.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('Unknown document blob format');
  const documentKey = open(masterKey(keys, stored.keyId), stored.wrappedKey, documentId);
  const plaintext = open(documentKey, stored.blob.subarray(MAGIC.length), documentId);
  if (createHash('sha256').update(plaintext).digest('hex') !== stored.sha256)
    throw new Error(`Document ${documentId} does not match its recorded hash`);
  return plaintext;
}

/** Wraps a document's key again with the current master key: rotation touches no blob. */
export function rewrapKey(
  keys: MasterKey[],
  documentId: string,
  stored: { wrappedKey: Buffer; keyId: string },
): { wrappedKey: Buffer; keyId: string } {
  const current = keys[0];
  if (!current) throw new Error('No document master key configured');
  const documentKey = open(masterKey(keys, stored.keyId), stored.wrappedKey, documentId);
  return { wrappedKey: seal(current.key, documentKey, documentId), keyId: current.id };
}
