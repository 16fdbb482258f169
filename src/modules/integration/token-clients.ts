import { audited } from '../../platform/audit/audit.ts';
import type { MasterKey } from '../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { registerClient, verifyApiAccessToken } from '../identity/index.ts';
import type { ApiScope } from '../policy/index.ts';
import { parseScopes } from './api-clients.ts';
import type { IntegrationTables } from './tables.ts';

/**
 * An application that gets tokens from Guichet's OpenID provider (client-credentials grant) instead of
 * an API key: one API client (authority, scopes, revocation) whose id is its OAuth `client_id`, so that
 * both ways make the same `apiClient` actor.
 *
 * @example await createTokenClient(db, keys, 'cli', { authorityId, name: 'ERP', scopes: ['requests:read'] })
 */
export async function createTokenClient(
  db: Db,
  keys: MasterKey[],
  actor: string,
  input: { authorityId: string; name: string; scopes: readonly ApiScope[] },
): Promise<{ clientId: string; clientSecret: string }> {
  const scopes = parseScopes(input.scopes);
  const client = await audited(
    db,
    (created: { id: string }) => ({
      actor,
      action: 'integration.client.create',
      subjectType: 'api_client',
      subjectId: created.id,
      authorityId: input.authorityId,
      details: { name: input.name, scopes, mode: 'live', grant: 'client_credentials' },
    }),
    (tx) =>
      tablesOf<IntegrationTables>(tx)
        .insertInto('api_clients')
        .values({ authority_id: input.authorityId, name: input.name, scopes, mode: 'live', revoked_at: null })
        .returning('id')
        .executeTakeFirstOrThrow(),
  );
  return registerClient(db, keys, actor, {
    authorityId: input.authorityId,
    name: input.name,
    redirectUris: [],
    scopes,
    grant: 'client_credentials',
    clientId: client.id,
  });
}

/**
 * The application behind `Authorization: Bearer <access token>` of the client-credentials grant: the
 * token valid, its API client not revoked; its scopes those of the token that the client still holds.
 */
export async function apiClientFromToken(
  db: Db,
  keys: () => Promise<MasterKey[]>,
  publicUrl: string,
  authorization: string | undefined,
  now = new Date(),
): Promise<ApiClientActor | null> {
  const token = authorization?.match(/^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/)?.[1];
  if (!token) return null;
  const verified = await verifyApiAccessToken(db, await keys(), publicUrl, token, now);
  if (!verified || !/^[0-9a-f-]{36}$/.test(verified.clientId)) return null;
  const client = await tablesOf<IntegrationTables>(db)
    .selectFrom('api_clients')
    .select(['id', 'authority_id', 'scopes'])
    .where('id', '=', verified.clientId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!client) return null;
  return {
    kind: 'apiClient',
    id: client.id,
    authorityId: client.authority_id,
    scopes: verified.scopes.filter((s) => client.scopes.includes(s)),
  };
}
