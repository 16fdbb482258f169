import type { Db } from '../../platform/database/database.ts';
import type { GuichetModule } from '../../platform/module.ts';
import { practiceAuthorisationForm } from './form.ts';
import { putOnline } from './setup.ts';
import { practiceAuthorisationWorkflow } from './workflow.ts';

/** The catalogue entry the procedure runs under (Service de la santé publique). */
export const practiceAuthorisationSlug = 'autorisation-de-pratiquer';

/**
 * The authorisation to practise a health profession: configuration only (form, workflow with its
 * fee and its two sealed authorisations), nothing a designer could not do in the back office.
 */
export const practiceAuthorisationService: GuichetModule = { name: 'practice-authorisation' };

/** Sets the procedure up as the health service's designers would (the demo seed does); its form id. */
export const setUpPracticeAuthorisation = (db: Db, by: string) =>
  putOnline(db, by, practiceAuthorisationSlug, practiceAuthorisationForm, practiceAuthorisationWorkflow);

export { billingAuthorisationLetter, practiceAuthorisationLetter } from './workflow.ts';
