import type * as Jose from 'jose';
import * as client from 'openid-client';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { isLocale } from '../../platform/i18n/locales.ts';
import type { IdentityProviderConfig } from './identity-providers.ts';
import type { PersonClaims } from './persons.ts';

/** What the login start stores in the session, to check the provider's answer against. */
export interface PendingLogin {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Linking a means to the logged-in person rather than logging in. */
  link: boolean;
}

export interface LoginResult {
  subject: string;
  sid: string | undefined;
  level: AssuranceLevel;
  claims: PersonClaims;
  idToken: string | undefined;
}

/**
 * The relying party towards one external provider: authorisation code flow with PKCE, state and nonce
 * (openid-client validates the ID token's signature, issuer, audience, expiry and nonce).
 */
export class OidcRelyingParty {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    readonly provider: IdentityProviderConfig,
    private readonly redirectUri: string,
  ) {}

  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.provider.issuer),
        this.provider.clientId,
        this.provider.clientSecret,
        undefined,
        {
          // Plain http only for a provider on this very machine (the development one).
          execute: new URL(this.provider.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        this.configuration = undefined; // try again on the next login
        throw error;
      });
    return this.configuration;
  }

  async start(options: {
    returnTo: string;
    link: boolean;
    level?: AssuranceLevel;
  }): Promise<{ url: string; pending: PendingLogin }> {
    const configuration = await this.discover();
    const pending: PendingLogin = {
      provider: this.provider.id,
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo: options.returnTo,
      link: options.link,
    };
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri,
      scope: this.provider.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    };
    const acr = options.level && this.provider.requestAcr?.[options.level];
    if (acr) {
      parameters.acr_values = acr;
      // A step-up: the provider's own session, from the weaker login, would answer silently at that
      // weaker level and send the person back to be asked again; they must authenticate anew.
      parameters.prompt = 'login';
    }
    return { url: client.buildAuthorizationUrl(configuration, parameters).href, pending };
  }

  async finish(callbackUrl: URL, pending: PendingLogin): Promise<LoginResult> {
    const configuration = await this.discover();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('No ID token');
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    const all: Record<string, unknown> = { ...idClaims, ...userinfo };
    const level = this.provider.levels[String(idClaims.acr ?? '')] ?? 'low';
    const sid = typeof idClaims.sid === 'string' ? idClaims.sid : undefined;
    return { subject: idClaims.sub, sid, level, claims: this.mapClaims(all), idToken: tokens.id_token };
  }

  async logoutUrl(idToken: string | undefined, postLogoutRedirectUri: string): Promise<string | undefined> {
    const configuration = await this.discover();
    if (!configuration.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: postLogoutRedirectUri,
      ...(idToken ? { id_token_hint: idToken } : { client_id: this.provider.clientId }),
    }).href;
  }

  /**
   * Checks a back-channel logout token (OpenID Back-Channel Logout 1.0, §2.6): signed by the provider,
   * for us, recent, carrying the logout event and a subject or session, and no nonce.
   */
  async verifyLogoutToken(token: string): Promise<{ sub?: string; sid?: string } | undefined> {
    const configuration = await this.discover();
    const jwksUri = configuration.serverMetadata().jwks_uri;
    if (!jwksUri) return undefined;
    const jose = await import('jose'); // loaded at the first logout token, not at every start
    this.jwks ??= jose.createRemoteJWKSet(new URL(jwksUri));
    try {
      const { payload } = await jose.jwtVerify(token, this.jwks, {
        issuer: configuration.serverMetadata().issuer,
        audience: this.provider.clientId,
        maxTokenAge: '2 minutes',
        typ: undefined,
      });
      const events = payload.events as Record<string, unknown> | undefined;
      if (!events || !('http://schemas.openid.net/event/backchannel-logout' in events) || 'nonce' in payload)
        return undefined;
      const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
      if (!payload.sub && !sid) return undefined;
      return { sub: payload.sub, sid };
    } catch {
      return undefined;
    }
  }

  private jwks: ReturnType<typeof Jose.createRemoteJWKSet> | undefined;

  private mapClaims(all: Record<string, unknown>): PersonClaims {
    const names = this.provider.claims;
    const text = (name: string | undefined) =>
      name && typeof all[name] === 'string' ? (all[name] as string) : undefined;
    const address = names.address ? (all[names.address] as Record<string, string> | undefined) : undefined;
    const street = address?.street_address?.match(/^(.*?)\s+(\d+\w*)$/);
    const locale = text(names.locale);
    return {
      givenNames: text(names.givenNames) ?? '',
      familyName: text(names.familyName) ?? '',
      dateOfBirth: text(names.birthdate),
      avs: text(names.avs),
      email: text(names.email),
      emailVerified: all.email_verified === true,
      address: address && {
        street: street?.[1] ?? address.street_address,
        houseNumber: street?.[2],
        postcode: address.postal_code,
        town: address.locality,
        country: address.country,
      },
      language: isLocale(locale) ? locale : undefined,
    };
  }
}
