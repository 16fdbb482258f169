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
  webhook_endpoints: {
    id: Generated<string>;
    authority_id: string;
    url: string;
    description: Generated<string>;
    events: string[];
    form_ids: string[] | null;
    secret_label: string;
    legacy_hex_secret: Generated<boolean>;
    created_at: Generated<Date>;
    failing_since: Date | null;
    disabled_at: Date | null;
    disabled_reason: string | null;
  };
  webhook_events: {
    id: string;
    authority_id: string | null;
    type: string;
    subject: string | null;
    body: string;
    occurred_at: Date;
  };
  webhook_deliveries: {
    id: Generated<string>;
    event_id: string;
    endpoint_id: string;
    status: Generated<'pending' | 'delivered' | 'failed'>;
    attempts: Generated<number>;
    next_attempt_at: Date | null;
    delivered_at: Date | null;
    created_at: Generated<Date>;
  };
  webhook_attempts: {
    id: Generated<string>;
    delivery_id: string;
    attempt: number;
    trigger: 'scheduled' | 'replay';
    at: Date;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
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
