import { createHash, randomBytes } from 'node:crypto';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { type ApiScope, apiScopes } from '../policy/index.ts';
import type { IntegrationTables } from './tables.ts';

export type ApiKeyMode = 'test' | 'live';
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

const newKey = (mode: ApiKeyMode) => {
  const key = `gk_${mode}_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashKey(key), hint: `${key.slice(0, 12)}…` };
};

export interface NewApiClient {
  authorityId: string;
  name: string;
  scopes: readonly ApiScope[];
  mode: ApiKeyMode;
  /** When the first key stops working; none by default. */
  expiresAt?: Date | null;
}

/** Refuses scopes that do not exist, so that a typo does not give a key less (or more) than meant. */
export function parseScopes(list: readonly string[]): ApiScope[] {
  const unknown = list.filter((s) => !apiScopes.includes(s as ApiScope));
  if (unknown.length > 0)
    throw new Error(`Unknown scopes: ${unknown.join(', ')} (known: ${apiScopes.join(', ')})`);
  return [...new Set(list as ApiScope[])];
}

/**
 * A new business application of an authority, and its first key: shown once (`gk_live_…` or
 * `gk_test_…`), kept only as a hash.
 *
 * @example await createApiClient(db, 'person:…', { authorityId, name: 'Tax system', scopes: ['requests:read'], mode: 'live' })
 */
export async function createApiClient(
  db: Db,
  actor: string,
  input: NewApiClient,
): Promise<{ id: string; key: string }> {
  const scopes = parseScopes(input.scopes);
  const made = newKey(input.mode);
  const row = await audited(
    db,
    (created: { id: string }) => ({
      actor,
      action: 'integration.client.create',
      subjectType: 'api_client',
      subjectId: created.id,
      authorityId: input.authorityId,
      details: { name: input.name, scopes, mode: input.mode, expiresAt: input.expiresAt ?? null },
    }),
    async (tx) => {
      const tables = tablesOf<IntegrationTables>(tx);
      const client = await tables
        .insertInto('api_clients')
        .values({
          authority_id: input.authorityId,
          name: input.name,
          scopes,
          mode: input.mode,
          revoked_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tables
        .insertInto('api_keys')
        .values({
          client_id: client.id,
          key_hash: made.hash,
          hint: made.hint,
          expires_at: input.expiresAt ?? null,
          last_used_at: null,
        })
        .execute();
      return client;
    },
  );
  return { id: row.id, key: made.key };
}

/**
 * A new key for an application; its current keys keep working for `overlapHours` more (then expire), so
 * that the application can switch without a gap. Undefined when the application is not the authority's.
 */
export async function rotateApiKey(
  db: Db,
  actor: string,
  input: { authorityId: string; clientId: string; overlapHours: number; expiresAt?: Date | null },
  now = new Date(),
): Promise<{ key: string } | undefined> {
  const client = await getApiClient(db, input.authorityId, input.clientId);
  if (!client || client.revoked_at) return undefined;
  const made = newKey(client.mode);
  const overlapEnd = new Date(now.getTime() + input.overlapHours * 3_600_000);
  await audited(
    db,
    {
      actor,
      action: 'integration.key.rotate',
      subjectType: 'api_client',
      subjectId: client.id,
      authorityId: input.authorityId,
      details: { overlapUntil: overlapEnd.toISOString() },
    },
    async (tx) => {
      const keys = tablesOf<IntegrationTables>(tx);
      await keys
        .updateTable('api_keys')
        .set({ expires_at: overlapEnd })
        .where('client_id', '=', client.id)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', overlapEnd)]))
        .execute();
      await keys
        .insertInto('api_keys')
        .values({
          client_id: client.id,
          key_hash: made.hash,
          hint: made.hint,
          expires_at: input.expiresAt ?? null,
          last_used_at: null,
        })
        .execute();
    },
  );
  return { key: made.key };
}

/** Ends an application's access at once: every key and token of it. False when it is not the authority's. */
export async function revokeApiClient(
  db: Db,
  actor: string,
  input: { authorityId: string; clientId: string },
  now = new Date(),
): Promise<boolean> {
  const client = await getApiClient(db, input.authorityId, input.clientId);
  if (!client || client.revoked_at) return false;
  await audited(
    db,
    {
      actor,
      action: 'integration.client.revoke',
      subjectType: 'api_client',
      subjectId: client.id,
      authorityId: input.authorityId,
    },
    (tx) =>
      tablesOf<IntegrationTables>(tx)
        .updateTable('api_clients')
        .set({ revoked_at: now })
        .where('id', '=', client.id)
        .execute(),
  );
  return true;
}

export function getApiClient(db: Db, authorityId: string, clientId: string) {
  if (!/^[0-9a-f-]{36}$/.test(clientId)) return Promise.resolve(undefined);
  return tablesOf<IntegrationTables>(db)
    .selectFrom('api_clients')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('id', '=', clientId)
    .executeTakeFirst();
}

/** An authority's applications with their keys (hints and dates only), newest first. */
export async function listApiClients(db: Db, authorityId: string) {
  const tables = tablesOf<IntegrationTables>(db);
  const clients = await tables
    .selectFrom('api_clients')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .orderBy('created_at', 'desc')
    .execute();
  const keys =
    clients.length === 0
      ? []
      : await tables
          .selectFrom('api_keys')
          .select(['id', 'client_id', 'hint', 'created_at', 'expires_at', 'last_used_at'])
          .where(
            'client_id',
            'in',
            clients.map((c) => c.id),
          )
          .orderBy('created_at', 'desc')
          .execute();
  return clients.map((client) => ({ ...client, keys: keys.filter((k) => k.client_id === client.id) }));
}
