import type { Generated } from 'kysely';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import type { Locale } from '../../platform/i18n/locales.ts';

export interface IdentityTables {
  persons: {
    id: Generated<string>;
    given_names: string;
    family_name: string;
    date_of_birth: string | null;
    avs: string | null;
    /** Postal address after eCH-0010. */
    street: string | null;
    house_number: string | null;
    postcode: string | null;
    town: string | null;
    country: string;
    email: string | null;
    email_verified_at: Date | null;
    mobile: string | null;
    mobile_verified_at: Date | null;
    /** Interface language; forms and notifications follow it unless set on their own. */
    preferred_language: Locale;
    form_language: Locale | null;
    notification_language: Locale | null;
    platform_admin: Generated<boolean>;
    created_at: Generated<Date>;
    /** Set when the operator disabled the person: no login, no session counts. */
    disabled_at: Generated<Date | null>;
  };
  /** Each identity means linked to a person: an external provider's subject, or a local credential. */
  identity_links: {
    id: Generated<string>;
    person_id: string;
    provider: string;
    subject: string;
    level: AssuranceLevel;
    linked_at: Generated<Date>;
    last_used_at: Date | null;
  };
  local_credentials: {
    id: Generated<string>;
    person_id: string;
    email: string;
    password_hash: string;
    totp_secret: string | null;
    /** The last TOTP time step accepted: a code is good once only. */
    totp_last_step: number | null;
    email_verified_at: Date | null;
    created_at: Generated<Date>;
  };
  email_tokens: {
    token_hash: string;
    credential_id: string;
    purpose: 'verify' | 'recover';
    expires_at: Date;
    used_at: Date | null;
  };
  organisations: {
    id: Generated<string>;
    uid: string;
    name: string;
    legal_form: string;
    seat: string;
    street: string | null;
    house_number: string | null;
    postcode: string | null;
    town: string | null;
    created_at: Generated<Date>;
  };
  oidc_payloads: {
    provider: string;
    model: string;
    id: string;
    payload: unknown;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    expires_at: Date | null;
    consumed_at: Date | null;
  };
  oidc_signing_keys: { provider: string; kid: string; jwk: unknown; created_at: Generated<Date> };
  oidc_clients: { client_id: string; authority_id: string; metadata: unknown; created_at: Generated<Date> };
  passkeys: {
    id: string;
    person_id: string;
    public_key: Buffer;
    counter: number;
    transports: string[];
    created_at: Generated<Date>;
    last_used_at: Date | null;
  };
  mobile_verifications: {
    id: Generated<string>;
    person_id: string;
    mobile: string;
    attempts: Generated<number>;
    expires_at: Date;
    verified_at: Date | null;
  };
}
