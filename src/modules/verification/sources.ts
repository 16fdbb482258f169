import type { Db } from '../../platform/database/database.ts';
import type { Platform } from '../../platform/module.ts';

/**
 * What verification needs from the signing module, handed over by the module list
 * (`verificationModule({ keys, validateSeal, sealKey, register })`) so that tests can give fakes.
 */
export interface VerificationSources {
  /** Every seal key ever used, rotated ones included, with the period it signed in. */
  keys(db: Db): Promise<VerificationKey[]>;
  validateSeal(db: Db, pdf: Uint8Array): Promise<SealVerdict>;
  /** The key that signs the published lists: the canton's current seal key. */
  sealKey(context: Pick<Platform, 'db' | 'config'>, authorityId: string): Promise<SealKey>;
  register: {
    bySerial(db: Db, serial: string): Promise<IssuedDocumentRecord | undefined>;
    bySha256(db: Db, sha256Hex: string): Promise<IssuedDocumentRecord | undefined>;
    revokedSerials(db: Db): Promise<Array<{ serial: string; revokedAt: Date }>>;
  };
}

export interface VerificationKey {
  authorityId: string;
  /** Base64 of the key id: the first 8 bytes of the SHA-256 of the certificate. */
  kid: string;
  /** DER, P-256. */
  certificate: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  retiredAt: Date | null;
}

export interface SealKey {
  kid: Uint8Array;
  certificate: Uint8Array;
  /** ES256, raw r‖s. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface SealVerdict {
  status: 'valid' | 'altered' | 'invalid' | 'unknown-signer' | 'no-seal';
  authorityId?: string;
  timestampedAt?: Date;
  coversWholeDocument: boolean;
  signer?: string;
}

export interface IssuedDocumentRecord {
  serial: string;
  type: string;
  authorityId: string;
  issuedAt: Date;
  /** Of the sealed PDF; null while it is being sealed. */
  sha256: string | null;
  status: 'sealing' | 'valid' | 'revoked';
  revokedAt?: Date | null;
  validUntil?: Date | null;
}
