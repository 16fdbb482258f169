import { createRequire } from 'node:module';
import path from 'node:path';
import type { GuichetModule } from '../../platform/module.ts';
import { formApiRoutes } from './api-routes.ts';
import { builderRoutes } from './builder-routes.tsx';
import * as createForms from './migrations/2026-11-24-15-forms-create.ts';
import * as sealFiles from './migrations/2026-11-24-19-forms-files-sealed.ts';
import * as formTheme from './migrations/2026-11-24-23-forms-theme.ts';
import * as submissionReference from './migrations/2026-11-30-20-forms-submission-reference.ts';
import { formsMySpace } from './my-space.tsx';
import { runnerRoutes } from './routes.tsx';

/**
 * Forms: the definition format, the builder for service designers, the runner for citizens (with or
 * without JavaScript), drafts, exactly-once submissions and their receipts.
 */
export const formsModule: GuichetModule = {
  name: 'forms',
  migrations: {
    '2026-11-24-15-forms-create': createForms,
    '2026-11-24-19-forms-files-sealed': sealFiles,
    '2026-11-24-23-forms-theme': formTheme,
    '2026-11-30-20-forms-submission-reference': submissionReference,
  },
  assetsDir: path.join(import.meta.dirname, 'assets'),
  assetFiles: { 'json-logic.js': createRequire(import.meta.url).resolve('json-logic-js/logic.js') },
  routes: (platform) => [...runnerRoutes(platform), ...builderRoutes(platform), ...formApiRoutes(platform)],
  mySpace: formsMySpace,
};
