import { sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { hashKey } from './api-clients.ts';
import type { IntegrationTables } from './tables.ts';

/**
 * The application behind an `Authorization: Bearer gk_…` header: its key known, not expired, its
 * application not revoked, and a `test` key only on an instance that is not the live one. Keys from
 * before modes (`gk_` and 43 characters) still count as live.
 */
export async function apiClientFromHeader(
  db: Db,
  authorization: string | undefined,
  options: { acceptTestKeys: boolean; now?: Date },
): Promise<ApiClientActor | null> {
  const key = authorization?.match(/^Bearer (gk_(?:(?:live|test)_)?[\w-]{43})$/)?.[1];
  if (!key) return null;
  if (key.startsWith('gk_test_') && !options.acceptTestKeys) return null;
  const now = options.now ?? new Date();
  const tables = tablesOf<IntegrationTables>(db);
  const found = await tables
    .selectFrom('api_keys')
    .innerJoin('api_clients', 'api_clients.id', 'api_keys.client_id')
    .select(['api_keys.id as keyId', 'api_clients.id', 'api_clients.authority_id', 'api_clients.scopes'])
    .where('api_keys.key_hash', '=', hashKey(key))
    .where('api_clients.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_keys.expires_at', 'is', null), eb('api_keys.expires_at', '>', now)]))
    .executeTakeFirst();
  if (!found) return null;
  // At most once a minute, so that a busy application does not write on every call.
  await tables
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', found.keyId)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`${now}::timestamptz - interval '1 minute'`),
      ]),
    )
    .execute();
  return { kind: 'apiClient', id: found.id, authorityId: found.authority_id, scopes: found.scopes };
}
