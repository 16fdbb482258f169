import type { KoaContextWithOIDC } from 'oidc-provider';
import type { MasterKey } from '../../../platform/crypto/master-keys.ts';
import { mac, type Secrets } from '../../../platform/crypto/secrets.ts';
import type { Db } from '../../../platform/database/database.ts';
import { getPerson } from '../persons.ts';
import { postgresAdapter, signingKeys } from './postgres-adapter.ts';
import { grantWithout, standardClaims, tokenLifetimes } from './provider-defaults.ts';

export const OP_INTERACTION_PREFIX = '/oidc/interaction';

/** The audience of the API's access tokens: the resource indicator applications ask for. */
export const apiAudience = (publicUrl: string) => `${publicUrl}/api/v1`;

/** Scopes granted without asking: what a logged-in person expects an integrated service to know. */
export const impliedScopes = ['openid', 'profile', 'email', 'address', 'acting'];

/**
 * The provider's account id carries the acting context (`person~account`), so that tokens say for
 * which account the person acts; the subject stays per person (and per client: pairwise).
 */
export const opAccountId = (personId: string, accountId: string) => `${personId}~${accountId}`;
const splitAccountId = (id: string) => {
  const [personId = '', accountId = ''] = id.split('~');
  return { personId, accountId };
};

/**
 * For which account the person may act now, and under which mandate if it is someone else's; undefined
 * when they may not. Accounts and mandates sit above identity, so the composition root supplies it.
 */
export type ActingFor = (
  db: Db,
  personId: string,
  accountId: string,
) => Promise<
  | {
      account: { id: string; kind: string; name: string };
      mandate?: { id: string; themes: readonly string[]; permissions: readonly string[] };
    }
  | undefined
>;

/**
 * Guichet as an OpenID provider for the authorities' applications (single sign-on). Issuer: the portal's
 * origin; protocol endpoints under /oidc; state in PostgreSQL; login and consent are Guichet's pages.
 */
export async function createGuichetProvider(options: {
  db: Db;
  keys: MasterKey[];
  publicUrl: string;
  secrets: Secrets;
  actingFor: ActingFor;
  /** The API's scopes (`requests:read`, …), granted to applications through the client-credentials grant. */
  apiScopes?: readonly string[];
}) {
  const { db, secrets } = options;
  // Never rotated in practice: a new generation gives every application new subjects (see README).
  const subjects = secrets.current('oidc-subjects');
  // oidc-provider and Koa (~240 modules) load with the provider, at the first /oidc request.
  const { default: Provider, errors } = await import('oidc-provider');
  return new Provider(options.publicUrl, {
    adapter: postgresAdapter(db, options.keys, 'guichet'),
    jwks: { keys: (await signingKeys(db, options.keys, 'guichet')) as never[] },
    cookies: { keys: secrets.accepted('oidc-cookies').map((key) => mac(key, 'cookies')) },
    routes: {
      authorization: '/oidc/auth',
      token: '/oidc/token',
      userinfo: '/oidc/me',
      jwks: '/oidc/jwks',
      end_session: '/oidc/session/end',
      introspection: '/oidc/token/introspection',
      revocation: '/oidc/token/revocation',
      registration: '/oidc/reg',
      backchannel_authentication: '/oidc/backchannel',
      code_verification: '/oidc/device',
      device_authorization: '/oidc/device/auth',
      pushed_authorization_request: '/oidc/request',
      challenge: '/oidc/challenge',
      credential: '/oidc/credential',
    },
    pkce: { required: () => true },
    ttl: { ...tokenLifetimes, ClientCredentials: tokenLifetimes.AccessToken, Grant: 86_400 },
    acrValues: ['low', 'substantial', 'high'],
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: async (_ctx, accountId, client) =>
      mac(
        subjects,
        `pairwise:${client.sectorIdentifier ?? client.clientId}:${splitAccountId(accountId).personId}`,
      ),
    scopes: ['openid', 'profile', 'email', 'address', 'acting', 'avs', ...(options.apiScopes ?? [])],
    claims: {
      ...standardClaims,
      acting: ['acting_for'],
      avs: ['avs'],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      // Business applications that prefer tokens to API keys: a short-lived JWT for the API, and only that.
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, client) =>
          client?.grantTypes?.includes('client_credentials') ? apiAudience(options.publicUrl) : undefined,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resource, client) {
          if (
            resource !== apiAudience(options.publicUrl) ||
            !client.grantTypes?.includes('client_credentials')
          )
            throw new errors.InvalidTarget();
          const allowed = new Set(options.apiScopes ?? []);
          return {
            scope: (client.scope ?? '')
              .split(' ')
              .filter((s) => allowed.has(s))
              .join(' '),
            audience: apiAudience(options.publicUrl),
            accessTokenFormat: 'jwt',
            accessTokenTTL: tokenLifetimes.AccessToken,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction) => `${OP_INTERACTION_PREFIX}/${interaction.uid}`,
    },
    async findAccount(_ctx, id) {
      const { personId, accountId } = splitAccountId(id);
      const person = await getPerson(db, personId);
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          // Checked again at every token and userinfo call: a membership or mandate ended since login is
          // not released. Under a mandate, the service learns which one, to scope what it shows.
          const acting = await options.actingFor(db, personId, accountId);
          return {
            sub: id,
            given_name: person.given_names,
            family_name: person.family_name,
            birthdate: person.date_of_birth ?? undefined,
            locale: person.preferred_language,
            email: person.email ?? undefined,
            email_verified: person.email_verified_at !== null,
            address: {
              street_address: [person.street, person.house_number].filter(Boolean).join(' '),
              postal_code: person.postcode ?? undefined,
              locality: person.town ?? undefined,
              country: person.country,
            },
            acting_for: acting && {
              account_id: acting.account.id,
              kind: acting.account.kind,
              name: acting.account.name,
              ...(acting.mandate && {
                mandate: {
                  id: acting.mandate.id,
                  themes: acting.mandate.themes,
                  permissions: acting.mandate.permissions,
                },
              }),
            },
            avs: person.avs ?? undefined,
          };
        },
      };
    },
    // Implied scopes need no consent page; the AVS number does (see the interaction routes).
    loadExistingGrant: grantWithout(impliedScopes),
  });
}
