import type { Generated } from 'kysely';

export interface IntegrationTables {
  api_clients: {
    id: Generated<string>;
    authority_id: string;
    name: string;
    /** What its keys and tokens may do, e.g. `requests:read`; the policy checks them. */
    scopes: string[];
    /** `test` keys work only on a demo or staging instance (`GUICHET_DEMO`), never on the live one. */
    mode: 'test' | 'live';
    created_at: Generated<Date>;
    revoked_at: Date | null;
  };
  api_keys: {
    id: Generated<string>;
    client_id: string;
    key_hash: string;
    /** The key's first characters, to tell keys apart in the back office. */
    hint: string;
    created_at: Generated<Date>;
    /** Set at creation, or by a rotation that lets the old key overlap the new one for a while. */
    expires_at: Date | null;
    last_used_at: Date | null;
  };
}
