import type { Generated } from 'kysely';

export interface WalletCredentialTables {
  /** Which of an authority's issued document types also go into the wallet, as which credential type. */
  wallet_credential_types: {
    authority_id: string;
    issued_type: string;
    /** The issuer's `credential_configurations_supported` key (`metadata_credential_supported_id`). */
    configuration_id: string;
  };
  /** One credential per issued document, offered through the swiyu-issuer. */
  wallet_credentials: {
    id: Generated<string>;
    issued_id: string;
    account_id: string;
    configuration_id: string;
    /** The claims it carries, fixed when the document is issued. */
    subject_data: Record<string, string>;
    state: 'pending' | 'offered' | 'revoked';
    management_id: string | null;
    offer_deeplink: string | null;
    created_at: Generated<Date>;
    revoked_at: Date | null;
  };
}
