import { createHash, randomBytes } from 'node:crypto';
import { currentKey, keyById, type MasterKey, open, seal } from '../../platform/crypto/master-keys.ts';

/** The format tag of a document blob. */
const MAGIC = Buffer.from('GCH1');

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
  const current = currentKey(keys);
  const documentKey = randomBytes(32);
  return {
    blob: Buffer.concat([MAGIC, seal(documentKey, plaintext, documentId)]),
    wrappedKey: seal(current.key, documentKey, documentId),
    keyId: current.id,
    sha256: createHash('sha256').update(plaintext).digest('hex'),
  };
}

/** Decrypts and checks the content against the hash recorded at publication. */
export function decryptDocument(
  keys: MasterKey[],
  documentId: string,
  stored: { blob: Buffer; wrappedKey: Buffer; keyId: string; sha256: string },
): Buffer {
  if (!stored.blob.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('Unknown document blob format');
  const documentKey = open(keyById(keys, stored.keyId), stored.wrappedKey, documentId);
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
  const current = currentKey(keys);
  const documentKey = open(keyById(keys, stored.keyId), stored.wrappedKey, documentId);
  return { wrappedKey: seal(current.key, documentKey, documentId), keyId: current.id };
}

/**
 * Encrypts new content for a document under the key it already has: its sealed version replaces the
 * unsealed one without a new wrapped key, so a crash between the blob and the row leaves a row whose
 * key still opens whatever blob is there.
 */
export function encryptUnderExistingKey(
  keys: MasterKey[],
  documentId: string,
  wrapped: { wrappedKey: Buffer; keyId: string },
  plaintext: Buffer,
): { blob: Buffer; sha256: string } {
  const documentKey = open(keyById(keys, wrapped.keyId), wrapped.wrappedKey, documentId);
  return {
    blob: Buffer.concat([MAGIC, seal(documentKey, plaintext, documentId)]),
    sha256: createHash('sha256').update(plaintext).digest('hex'),
  };
}
