import type { GuichetModule } from '../../platform/module.ts';
import { applyTimeouts } from './apply-timeouts.ts';
import { generateLetter } from './letter.ts';
import * as createCases from './migrations/2026-11-24-16-cases-create.ts';
import * as localisedLetters from './migrations/2026-11-24-21-cases-letters-localised.ts';
import * as caseVersion from './migrations/2026-11-30-10-cases-version.ts';
import * as referenceFromSubmission from './migrations/2026-11-30-21-cases-reference-from-submission.ts';
import * as inboxIndexes from './migrations/2026-12-03-51-cases-inbox-indexes.ts';
import * as inboxReferencePrefix from './migrations/2026-12-06-40-cases-inbox-reference-prefix.ts';
import * as casePerson from './migrations/2026-12-07-12-cases-person.ts';
import * as changeLog from './migrations/2026-12-07-41-cases-change-log.ts';
import { casesMySpace } from './my-space.tsx';
import { openFromSubmission } from './open-from-submission.ts';
import { paymentSettled } from './payment-settled.ts';
import { caseRoutes } from './routes.tsx';

/**
 * Requests (cases): opened from form submissions, moved through a workflow by the authority's staff,
 * followed by the requester; complements, decisions into the document space, messages, notes.
 */
export const casesModule: GuichetModule = {
  name: 'cases',
  migrations: {
    '2026-11-24-16-cases-create': createCases,
    '2026-11-24-21-cases-letters-localised': localisedLetters,
    '2026-11-30-10-cases-version': caseVersion,
    '2026-11-30-21-cases-reference-from-submission': referenceFromSubmission,
    '2026-12-03-51-cases-inbox-indexes': inboxIndexes,
    '2026-12-06-40-cases-inbox-reference-prefix': inboxReferencePrefix,
    '2026-12-07-12-cases-person': casePerson,
    '2026-12-07-41-cases-change-log': changeLog,
  },
  routes: caseRoutes,
  mySpace: casesMySpace,
  jobs: (platform) => ({
    'cases:open-from-submission': async ({ submissionId, accountId }) => {
      await openFromSubmission(platform.db, accountId, submissionId);
    },
    'cases:apply-timeouts': async () => {
      await applyTimeouts(platform.db, platform.now());
    },
    'cases:generate-letter': (job) => generateLetter(platform, job),
    'cases:payment-settled': (job) => paymentSettled(platform.db, job),
  }),
};
