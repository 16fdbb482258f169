import { createRequire } from 'node:module';
import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import { identityJobs } from './jobs.ts';
import * as createIdentity from './migrations/2026-11-24-02-identity-create.ts';
import * as createOidc from './migrations/2026-11-24-05-identity-oidc.ts';
import * as createPasskeys from './migrations/2026-11-24-06-identity-passkeys.ts';
import * as createMobile from './migrations/2026-11-24-07-identity-mobile.ts';
import { identityRoutes } from './routes.tsx';

export { formatAvs, normaliseAvs } from './avs-number.ts';
export {
  type CommercialRegister,
  commercialRegisterClient,
  type RegisterEntry,
} from './commercial-register.ts';
export { testStaff } from './dev-idp/test-persons.ts';
export {
  findOrganisationByUid,
  getOrganisation,
  registeredSignature,
  upsertOrganisation,
} from './organisations.ts';
export {
  createPersonWithLink,
  findLink,
  findPersonByAvs,
  findPersonsByNameAndBirth,
  getPerson,
  type Person,
  personName,
  setPlatformAdmin,
  updateLanguages,
} from './persons.ts';
export { resolveActor } from './resolve-actor.ts';
export { sessionAuth, switchAccount } from './session-login.ts';
export { formatUid, normaliseUid } from './uid-number.ts';

/** People, their identity means and levels of assurance, organisations; login and logout. */
export const identityModule: GuichetModule = {
  name: 'identity',
  migrations: {
    '2026-11-24-02-identity-create': createIdentity,
    '2026-11-24-05-identity-oidc': createOidc,
    '2026-11-24-06-identity-passkeys': createPasskeys,
    '2026-11-24-07-identity-mobile': createMobile,
  },
  routes: identityRoutes,
  jobs: identityJobs,
  assetsDir: path.join(import.meta.dirname, 'assets'),
  assetFiles: {
    // The package exports only its modules; its single-file browser bundle sits beside them.
    'webauthn.js': path.join(
      path.dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')),
      '../dist/bundle/index.umd.min.js',
    ),
  },
};
