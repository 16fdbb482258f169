import type { Generated } from 'kysely';

export interface SigningTables {
  /** The demo's local certification authority: one row, made at first use. */
  signing_local_ca: {
    id: string;
    certificate: Buffer;
    /** PKCS#8, sealed with the master key `key_id` (`keyId.base64`). */
    sealed_private_key: string;
    created_at: Generated<Date>;
  };
  /**
   * Every seal certificate an authority has used, the current one with `retired_at` null: the retired
   * ones stay so that documents sealed with them still verify.
   */
  seal_keys: {
    id: string;
    authority_id: string;
    /** base64 of the first 8 bytes of SHA-256 of the certificate. */
    kid: string;
    certificate: Buffer;
    /** The sealed PKCS#8 of a local-CA key; null when the key lives elsewhere (a PKCS#12 file). */
    sealed_private_key: string | null;
    source: 'local-ca' | 'pkcs12';
    not_before: Date;
    not_after: Date;
    created_at: Generated<Date>;
    retired_at: Date | null;
  };
}
