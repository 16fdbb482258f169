import type { KoaContextWithOIDC } from 'oidc-provider';
import type { MasterKey } from '../../../platform/crypto/master-keys.ts';
import type { Db } from '../../../platform/database/database.ts';
import { postgresAdapter, signingKeys } from '../openid-provider/postgres-adapter.ts';
import { grantWithout, standardClaims, tokenLifetimes } from '../openid-provider/provider-defaults.ts';
import { allTestPersons } from './test-persons.ts';

export const DEV_IDP_PREFIX = '/dev-idp';
export const DEV_IDP_CLIENT_ID = 'guichet';

/**
 * A real OpenID provider (oidc-provider) offering the test persons at a chosen level of assurance, so
 * that the relying-party code run in demo and tests is the production code. Demo and tests only.
 */
export async function createDevIdentityProvider(options: {
  db: Db;
  keys: MasterKey[];
  publicUrl: string;
  clientSecret: string;
  cookieKeys: string[];
}) {
  // oidc-provider and Koa (~240 modules) load with the provider, at its first request.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(`${options.publicUrl}${DEV_IDP_PREFIX}`, {
    adapter: postgresAdapter(options.db, options.keys, 'dev'),
    clients: [
      {
        client_id: DEV_IDP_CLIENT_ID,
        client_secret: options.clientSecret,
        redirect_uris: [`${options.publicUrl}/login/oidc/dev/callback`],
        post_logout_redirect_uris: [`${options.publicUrl}/`],
        backchannel_logout_uri: `${options.publicUrl}/login/oidc/dev/backchannel-logout`,
        backchannel_logout_session_required: true,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: (await signingKeys(options.db, options.keys, 'dev')) as never[] },
    cookies: { keys: options.cookieKeys },
    pkce: { required: () => true },
    // Its one client is Guichet on this same machine (loopback in development), which the library's
    // protection against requests to special-use addresses would refuse; Guichet's own provider keeps it.
    fetch: (url, init) => globalThis.fetch(url, { ...init, dispatcher: undefined } as RequestInit),
    ttl: { ...tokenLifetimes, Grant: 3600 },
    acrValues: ['low', 'substantial', 'high'],
    scopes: ['openid', 'profile', 'email', 'address', 'ahvn13'],
    claims: {
      ...standardClaims,
      ahvn13: ['ahvn13'],
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // The provider's own confirmation page, plain and accessible (no script, no external font).
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test identity provider – log out</title></head><body><main><h1>Test identity provider</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Log out of the test identity provider too</button> <button type="submit" form="op.logoutForm">Stay logged in there</button></main></body></html>`;
        },
      },
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction) => `${DEV_IDP_PREFIX}/interaction/${interaction.uid}`,
    },
    async findAccount(_ctx, sub) {
      const person = allTestPersons.find((p) => p.sub === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          given_name: person.givenNames,
          family_name: person.familyName,
          birthdate: person.birthdate,
          locale: person.locale,
          email: person.email,
          email_verified: true,
          address: {
            street_address: person.address.street,
            postal_code: person.address.postcode,
            locality: person.address.town,
            country: 'CH',
          },
          ahvn13: person.avs,
        }),
      };
    },
    // Our only client is Guichet itself: consent to what it asks is implied.
    loadExistingGrant: grantWithout(['openid', 'profile', 'email', 'address', 'ahvn13']),
  });
  return provider;
}
