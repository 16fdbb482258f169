import { createRequire } from 'node:module';
import path from 'node:path';
import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import type { GuichetModule } from '../../platform/module.ts';
import { scanQuarantined } from '../../platform/uploads/index.ts';
import { requiredLevelOfForm } from '../catalogue/index.ts';
import { formApiRoutes } from './api-routes.ts';
import { builderRoutes } from './builder-routes.tsx';
import { phoneRoutes } from './capture/phone-routes.tsx';
import { scanQuarantinedFile } from './drafts.ts';
import { draftsListRoutes } from './drafts-list-routes.tsx';
import * as createForms from './migrations/2026-11-24-15-forms-create.ts';
import * as sealFiles from './migrations/2026-11-24-19-forms-files-sealed.ts';
import * as formTheme from './migrations/2026-11-24-23-forms-theme.ts';
import * as submissionReference from './migrations/2026-11-30-20-forms-submission-reference.ts';
import * as receiptDocument from './migrations/2026-12-01-32-forms-receipt-document.ts';
import * as filesQuarantine from './migrations/2026-12-01-40-forms-files-quarantine.ts';
import * as documentCapture from './migrations/2026-12-01-50-forms-document-capture.ts';
import * as choiceLabelSearch from './migrations/2026-12-07-20-forms-choice-label-search.ts';
import * as changeLog from './migrations/2026-12-07-41-forms-change-log.ts';
import { formsMySpace } from './my-space.tsx';
import { issueReceipt } from './receipt.ts';
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
    '2026-12-01-32-forms-receipt-document': receiptDocument,
    '2026-12-01-40-forms-files-quarantine': filesQuarantine,
    '2026-12-01-50-forms-document-capture': documentCapture,
    '2026-12-07-20-forms-choice-label-search': choiceLabelSearch,
    '2026-12-07-41-forms-change-log': changeLog,
  },
  assetsDir: path.join(import.meta.dirname, 'assets'),
  assetFiles: { 'json-logic.js': createRequire(import.meta.url).resolve('json-logic-js/logic.js') },
  routes: (platform) => [
    ...runnerRoutes(platform),
    ...draftsListRoutes(platform),
    ...phoneRoutes(platform),
    ...builderRoutes(platform),
    ...formApiRoutes(platform),
  ],
  mySpace: formsMySpace,
  jobs: (platform) => ({
    'forms:issue-receipt': (job) =>
      issueReceipt(platform, job, (formId) => requiredLevelOfForm(platform.db, formId)),
    'forms:scan-file': async ({ fileId }) => {
      const verdict = await scanQuarantinedFile(
        platform.db,
        await masterKeysFor(platform.config, platform.db),
        (bytes) => scanQuarantined(platform.config, bytes),
        fileId,
      );
      if (verdict === 'infected')
        platform.logger.warn({ fileId }, 'quarantined form file was infected: emptied');
    },
  }),
};
