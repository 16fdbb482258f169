import { createHash, randomBytes } from 'node:crypto';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Actor } from '../../platform/http/access.ts';
import type { IntegrationTables } from './tables.ts';

const KEY_PREFIX = 'gk_';
const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new API key for an authority's application: shown once, kept only as a hash. */
export async function createApiClient(
  db: Db,
  actor: string,
  input: { authorityId: string; name: string },
): Promise<{ id: string; key: string }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await audited(
    db,
    (created: { id: string }) => ({
      actor,
      action: 'integration.client.create',
      subjectType: 'api_client',
      subjectId: created.id,
      authorityId: input.authorityId,
      details: { name: input.name },
    }),
    (tx) =>
      tablesOf<IntegrationTables>(tx)
        .insertInto('api_clients')
        .values({ authority_id: input.authorityId, name: input.name, key_hash: hash(key), revoked_at: null })
        .returning('id')
        .executeTakeFirstOrThrow(),
  );
  return { id: row.id, key };
}

/** The application behind an `Authorization: Bearer gk_…` header, if its key is known and not revoked. */
export async function apiClientFromHeader(db: Db, authorization: string | undefined): Promise<Actor | null> {
  const key = authorization?.match(/^Bearer (gk_[\w-]{43})$/)?.[1];
  if (!key) return null;
  const client = await tablesOf<IntegrationTables>(db)
    .selectFrom('api_clients')
    .select(['id', 'authority_id'])
    .where('key_hash', '=', hash(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return client ? { kind: 'apiClient', id: client.id, authorityId: client.authority_id } : null;
}
