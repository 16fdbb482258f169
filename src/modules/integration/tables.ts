import type { Generated } from 'kysely';

export interface IntegrationTables {
  api_clients: {
    id: Generated<string>;
    authority_id: string;
    name: string;
    key_hash: string;
    created_at: Generated<Date>;
    revoked_at: Date | null;
  };
}
