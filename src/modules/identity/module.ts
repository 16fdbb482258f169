import { createRequire } from 'node:module';
import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import { identityJobs } from './jobs.ts';
import * as createIdentity from './migrations/2026-11-24-02-identity-create.ts';
import * as createOidc from './migrations/2026-11-24-05-identity-oidc.ts';
import * as createPasskeys from './migrations/2026-11-24-06-identity-passkeys.ts';
import * as createMobile from './migrations/2026-11-24-07-identity-mobile.ts';
import * as personDisabled from './migrations/2026-12-02-80-identity-person-disabled.ts';
import * as personNameSearch from './migrations/2026-12-07-10-identity-person-name-search.ts';
import * as changeLog from './migrations/2026-12-07-41-identity-change-log.ts';
import type { ActingFor } from './openid-provider/guichet-provider.ts';
import { openIdProviderRoutes } from './openid-provider/routes.tsx';
import type { FirstLogin } from './persons.ts';
import { identityRoutes } from './routes.tsx';

/**
 * People, their identity means and levels of assurance, organisations; login and logout; Guichet as an
 * OpenID provider, which is told for which account a person acts (accounts and mandates sit above);
 * what waited for a person before they ever came (mandates given to them) is handed over at their
 * first login.
 */
export const identityModule = (needs: {
  actingFor: ActingFor;
  firstLogin: FirstLogin;
  /** The API's scopes, which the provider grants to applications (client credentials); the policy owns them. */
  apiScopes: readonly string[];
}): GuichetModule => ({
  name: 'identity',
  migrations: {
    '2026-11-24-02-identity-create': createIdentity,
    '2026-11-24-05-identity-oidc': createOidc,
    '2026-11-24-06-identity-passkeys': createPasskeys,
    '2026-11-24-07-identity-mobile': createMobile,
    '2026-12-02-80-identity-person-disabled': personDisabled,
    '2026-12-07-10-identity-person-name-search': personNameSearch,
    '2026-12-07-41-identity-change-log': changeLog,
  },
  routes: (platform) => [
    ...identityRoutes(platform, needs.firstLogin),
    ...openIdProviderRoutes(platform, needs.actingFor, needs.apiScopes),
  ],
  jobs: identityJobs,
  assetsDir: path.join(import.meta.dirname, 'assets'),
  assetFiles: {
    // The package exports only its modules; its single-file browser bundle sits beside them.
    'webauthn.js': path.join(
      path.dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')),
      '../dist/bundle/index.umd.min.js',
    ),
  },
});
