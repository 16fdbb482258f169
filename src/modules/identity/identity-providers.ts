import type { Config } from '../../platform/config/config.ts';
import { mac, type Secrets } from '../../platform/crypto/secrets.ts';
import { type AssuranceLevel, isAssuranceLevel } from '../../platform/http/assurance-level.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { DEV_IDP_CLIENT_ID, DEV_IDP_PREFIX } from './dev-idp/dev-provider.ts';

/** An external OpenID Connect provider (AGOV, Swiss e-ID, SwissID, a cantonal IdP…). */
export interface IdentityProviderConfig {
  id: string;
  label: LocalisedText;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** Claim names at this provider for what we keep of a person. */
  claims: {
    givenNames: string;
    familyName: string;
    birthdate?: string;
    email?: string;
    avs?: string;
    address?: string;
    locale?: string;
  };
  /** The provider's `acr` values and the level each means for us. */
  levels: Record<string, AssuranceLevel>;
  /** What to send as `acr_values` to ask for a level (step-up). */
  requestAcr?: Partial<Record<AssuranceLevel, string>>;
}

const standardClaims = {
  givenNames: 'given_name',
  familyName: 'family_name',
  birthdate: 'birthdate',
  email: 'email',
  address: 'address',
  locale: 'locale',
};

/** The development provider's client secret, derived from the root secret so all instances agree. */
export function devClientSecret(secrets: Secrets): string {
  return mac(secrets.current('dev-idp'), 'client');
}

/** Providers from `GUICHET_IDENTITY_PROVIDERS`, plus the development provider in demo mode. */
export function loadIdentityProviders(config: Config, secrets: Secrets): IdentityProviderConfig[] {
  const configured = config.identityProvidersJson ? parseProviders(config.identityProvidersJson) : [];
  if (!config.demo) return configured;
  const dev: IdentityProviderConfig = {
    id: 'dev',
    label: {
      fr: 'Identité de test (développement)',
      de: 'Test-Identität (Entwicklung)',
      en: 'Test identity (development)',
    },
    issuer: `${config.publicUrl}${DEV_IDP_PREFIX}`,
    clientId: DEV_IDP_CLIENT_ID,
    clientSecret: devClientSecret(secrets),
    scopes: ['openid', 'profile', 'email', 'address', 'ahvn13'],
    claims: { ...standardClaims, avs: 'ahvn13' },
    levels: { low: 'low', substantial: 'substantial', high: 'high' },
    requestAcr: { low: 'low', substantial: 'substantial', high: 'high' },
  };
  return [dev, ...configured];
}

function parseProviders(json: string): IdentityProviderConfig[] {
  const raw = JSON.parse(json) as unknown;
  if (!Array.isArray(raw)) throw new Error('GUICHET_IDENTITY_PROVIDERS must be a JSON array');
  return raw.map((entry: Partial<IdentityProviderConfig>, index) => {
    for (const field of ['id', 'issuer', 'clientId', 'clientSecret', 'levels'] as const) {
      if (!entry[field]) throw new Error(`GUICHET_IDENTITY_PROVIDERS[${index}] lacks "${field}"`);
    }
    const levels = entry.levels ?? {};
    for (const [acr, level] of Object.entries(levels)) {
      if (!isAssuranceLevel(level))
        throw new Error(`GUICHET_IDENTITY_PROVIDERS[${index}]: acr "${acr}" maps to unknown level`);
    }
    if (entry.id === 'local' || entry.id === 'dev') throw new Error(`Provider id "${entry.id}" is reserved`);
    return {
      label: { fr: entry.id ?? '' },
      scopes: ['openid', 'profile', 'email'],
      ...entry,
      claims: { ...standardClaims, ...entry.claims },
    } as IdentityProviderConfig;
  });
}
