import { generateKeyPairSync } from 'node:crypto';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { type MasterKey, openText, sealText } from '../../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import type { IdentityTables } from '../tables.ts';

/**
 * oidc-provider's storage in PostgreSQL, so that every instance behind the load balancer sees the same
 * sessions, codes and tokens. `provider` separates Guichet's own provider from the development one.
 */
export function postgresAdapter(db: Db, keys: MasterKey[], provider: string) {
  const table = () => tablesOf<IdentityTables>(db);
  return class PostgresAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await table()
        .insertInto('oidc_payloads')
        .values({ provider, model: this.model, id, ...row })
        .onConflict((oc) => oc.columns(['provider', 'model', 'id']).doUpdateSet(row))
        .execute();
    }

    private async findWhere(
      column: 'id' | 'uid' | 'user_code',
      value: string,
    ): Promise<AdapterPayload | undefined> {
      const row = await table()
        .selectFrom('oidc_payloads')
        .select(['payload', 'consumed_at', 'expires_at'])
        .where('provider', '=', provider)
        .where('model', '=', this.model)
        .where(column, '=', value)
        .executeTakeFirst();
      if (!row || (row.expires_at && row.expires_at <= new Date())) return undefined;
      const payload = row.payload as AdapterPayload;
      return row.consumed_at
        ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) }
        : payload;
    }

    async find(id: string) {
      if (this.model === 'Client') return findClient(db, keys, id);
      return this.findWhere('id', id);
    }

    findByUid(uid: string) {
      return this.findWhere('uid', uid);
    }

    findByUserCode(userCode: string) {
      return this.findWhere('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await table()
        .updateTable('oidc_payloads')
        .set({ consumed_at: new Date() })
        .where('provider', '=', provider)
        .where('model', '=', this.model)
        .where('id', '=', id)
        .execute();
    }

    async destroy(id: string): Promise<void> {
      await table()
        .deleteFrom('oidc_payloads')
        .where('provider', '=', provider)
        .where('model', '=', this.model)
        .where('id', '=', id)
        .execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await table()
        .deleteFrom('oidc_payloads')
        .where('provider', '=', provider)
        .where('grant_id', '=', grantId)
        .execute();
    }
  };
}

async function findClient(db: Db, keys: MasterKey[], clientId: string): Promise<AdapterPayload | undefined> {
  const row = await tablesOf<IdentityTables>(db)
    .selectFrom('oidc_clients')
    .select('metadata')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  const { client_secret_sealed: sealed, ...metadata } = (row?.metadata ?? {}) as AdapterPayload & {
    client_secret_sealed?: string;
  };
  if (!row) return undefined;
  // oidc-provider compares the secret itself: it is opened for it, and kept sealed at rest.
  return sealed
    ? { ...metadata, client_secret: openText(keys, sealed, `oidc-client:${clientId}`) }
    : metadata;
}

/**
 * The provider's signing key: made once and shared by every instance through the database, where the
 * private key is kept sealed with the master key.
 */
export async function signingKeys(db: Db, keys: MasterKey[], provider: string): Promise<object[]> {
  const table = tablesOf<IdentityTables>(db);
  const aad = `oidc-key:${provider}`;
  const stored = async () =>
    (
      await table.selectFrom('oidc_signing_keys').select('jwk').where('provider', '=', provider).execute()
    ).map((r) => {
      const { sealed } = r.jwk as { sealed?: string };
      // Keys made before sealing began are still plain.
      return sealed ? (JSON.parse(openText(keys, sealed, aad)) as object) : (r.jwk as object);
    });
  const existing = await stored();
  if (existing.length > 0) return existing;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `${provider}-1`, use: 'sig', alg: 'RS256' };
  // Instances starting together: the first key written wins, the others read it back.
  await table
    .insertInto('oidc_signing_keys')
    .values({
      provider,
      kid: jwk.kid,
      jwk: JSON.stringify({ sealed: sealText(keys, JSON.stringify(jwk), aad) }),
    })
    .onConflict((oc) => oc.columns(['provider', 'kid']).doNothing())
    .execute();
  return stored();
}

export async function purgeExpiredOidcPayloads(db: Db): Promise<void> {
  await tablesOf<IdentityTables>(db)
    .deleteFrom('oidc_payloads')
    .where('expires_at', '<', new Date())
    .execute();
}
