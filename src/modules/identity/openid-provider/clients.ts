import { randomBytes } from 'node:crypto';
import { audited } from '../../../platform/audit/audit.ts';
import { type MasterKey, sealText } from '../../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import type { IdentityTables } from '../tables.ts';

export interface NewClient {
  authorityId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Scopes the application may ask for; `avs` still needs each person's consent. */
  scopes: string[];
  /**
   * `client_credentials`: an application of the API, with no person and no redirection, whose scopes
   * are the API's; its id is the one its API client already has (`clientId`).
   */
  grant?: 'authorization_code' | 'client_credentials';
  clientId?: string;
}

/**
 * Registers an authority's application for single sign-on. The secret is returned once and kept sealed
 * with the master key in the client metadata, opened only for oidc-provider to compare.
 */
export async function registerClient(
  db: Db,
  keys: MasterKey[],
  actor: string,
  client: NewClient,
): Promise<{ clientId: string; clientSecret: string }> {
  const clientId =
    client.clientId ??
    `${client.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(4).toString('hex')}`;
  const machine = client.grant === 'client_credentials';
  const clientSecret = randomBytes(32).toString('base64url');
  const metadata = {
    client_id: clientId,
    client_secret_sealed: sealText(keys, clientSecret, `oidc-client:${clientId}`),
    client_name: client.name,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
    grant_types: [machine ? 'client_credentials' : 'authorization_code'],
    response_types: machine ? [] : ['code'],
    scope: (machine ? client.scopes : ['openid', ...client.scopes]).join(' '),
    subject_type: 'pairwise',
    token_endpoint_auth_method: 'client_secret_basic',
  };
  await audited(
    db,
    {
      actor,
      action: 'oidc.client.register',
      subjectType: 'oidc_client',
      subjectId: clientId,
      authorityId: client.authorityId,
      details: { name: client.name, scopes: client.scopes },
    },
    (tx) =>
      tablesOf<IdentityTables>(tx)
        .insertInto('oidc_clients')
        .values({ client_id: clientId, authority_id: client.authorityId, metadata: JSON.stringify(metadata) })
        .execute(),
  );
  return { clientId, clientSecret };
}
