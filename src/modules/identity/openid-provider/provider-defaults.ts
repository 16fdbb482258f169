import type { KoaContextWithOIDC } from 'oidc-provider';

/** Lifetimes (seconds) of what our OpenID providers issue: short, since every login is checked anew. */
export const tokenLifetimes = {
  AuthorizationCode: 60,
  IdToken: 300,
  AccessToken: 300,
  Interaction: 600,
  Session: 3600,
};

/** The claims both our OpenID providers release per scope; each adds its own extra scopes. */
export const standardClaims = {
  // Standalone claims oidc-provider adds to every ID token: listing scopes must not drop them.
  acr: null,
  auth_time: null,
  iss: null,
  sid: null,
  // The level of assurance is part of every login, asked for or not.
  openid: ['sub', 'acr'],
  profile: ['given_name', 'family_name', 'birthdate', 'locale'],
  email: ['email', 'email_verified'],
  address: ['address'],
};

/**
 * A provider's `loadExistingGrant` that grants `scopes` without asking: the person's earlier grant if
 * any, else a new one. Scopes beyond these still go through the consent prompt.
 */
export function grantWithout(scopes: string[]) {
  return async (ctx: KoaContextWithOIDC) => {
    const clientId = ctx.oidc.client?.clientId ?? '';
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session?.accountId });
    grant.addOIDCScope(scopes.join(' '));
    await grant.save();
    return grant;
  };
}
