import type { Db } from '../../platform/database/database.ts';
import { type Locale, type LocalisedText, pick } from '../../platform/i18n/locales.ts';
import type { AcceptedUpload } from '../../platform/uploads/index.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import type { Case } from './cases.ts';
import { type LetterIssuance, type LetterTemplate, letterIssuance } from './letter.ts';
import { actionStatuses, type Workflow } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

export interface DecisionTemplate {
  /** A status of the workflow whose letter it is, or `standard`. */
  id: string;
  /** What the clerk reads in the list. */
  name: LocalisedText;
  letter: LetterTemplate;
}

const catalogue = backOfficeMessages.catalogue;
const both = (key: 'decisionLetterTitle' | 'decisionLetterText' | 'decideStandard'): LocalisedText => ({
  fr: catalogue.fr[key],
  de: catalogue.de[key],
  en: catalogue.en[key],
});

/**
 * The letters a clerk may decide with: the workflow's own letters (worded by its designers in
 * fr/de/en, per status), then the platform's standard decision letter, which every service has.
 */
export function decisionTemplates(workflow: Workflow): DecisionTemplate[] {
  const own = Object.entries(workflow.statuses).flatMap(([id, status]) =>
    status.letter ? [{ id, name: status.letter.title, letter: status.letter }] : [],
  );
  return [
    ...own,
    {
      id: 'standard',
      name: both('decideStandard'),
      letter: { title: both('decisionLetterTitle'), text: both('decisionLetterText') },
    },
  ];
}

/**
 * The decision letter made from `template`, ready to issue, in the requester's language, with the
 * outcome in words as the requester reads it ({outcome}, also signed in its QR code); undefined when
 * the workflow has no such template.
 */
export async function decisionLetter(
  db: Db,
  item: Case,
  workflow: Workflow,
  templateId: string,
  outcome: 'granted' | 'refused',
): Promise<LetterIssuance | undefined> {
  const template = decisionTemplates(workflow).find((t) => t.id === templateId);
  if (!template) return undefined;
  const status = workflow.statuses[actionStatuses[outcome]];
  // A refusal worded from the authorisation's letter authorises nothing.
  const letter = outcome === 'granted' ? template.letter : { ...template.letter, issuedAs: undefined };
  return letterIssuance(db, item, 'decision', letter, (locale: Locale) => ({
    outcome: status ? pick(status.citizenLabel ?? status.staffLabel, locale) : outcome,
  }));
}

/**
 * The decision document a clerk's form gives: the file they attached, else the letter they chose,
 * filled in, to be issued (`fromLetterOf` names it); or which field is missing or refused.
 */
export async function decisionDocument(
  db: Db,
  item: Case,
  posted: { file?: AcceptedUpload; template?: unknown },
  outcome: 'granted' | 'refused',
): Promise<
  | { file: { name: string; bytes: Buffer } }
  | { letter: LetterIssuance; fromLetterOf: string }
  | { missing: 'decision-file' | 'decision-template' }
> {
  // Checked and scanned by `readUploads` already.
  if (posted.file) return { file: { name: posted.file.name, bytes: posted.file.bytes } };
  const template = String(posted.template ?? '');
  const letter = await decisionLetter(db, item, await workflowFor(db, item.form_id), template, outcome);
  return letter ? { letter, fromLetterOf: template } : { missing: 'decision-template' };
}
