import type { Db } from '../../platform/database/database.ts';
import { type Locale, type LocalisedText, pick } from '../../platform/i18n/locales.ts';
import type { AcceptedUpload } from '../../platform/uploads/index.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import type { Case } from './cases.ts';
import { type LetterTemplate, letterPdf } from './letter.ts';
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
 * The decision as a PDF made from `template`, in the requester's language, with the outcome in
 * words as the requester reads it ({outcome}); undefined when the workflow has no such template.
 */
export async function decisionLetter(
  db: Db,
  item: Case,
  workflow: Workflow,
  templateId: string,
  outcome: 'granted' | 'refused',
): Promise<{ name: string; bytes: Buffer } | undefined> {
  const template = decisionTemplates(workflow).find((t) => t.id === templateId);
  if (!template) return undefined;
  const status = workflow.statuses[actionStatuses[outcome]];
  const { bytes } = await letterPdf(db, item, template.letter, (locale: Locale) => ({
    outcome: status ? pick(status.citizenLabel ?? status.staffLabel, locale) : outcome,
  }));
  return { name: `${item.reference}-decision.pdf`, bytes };
}

/**
 * The decision document a clerk's form gives: the file they attached, else the letter they chose,
 * filled in (`fromLetterOf` names it); or which field is missing or refused.
 */
export async function decisionDocument(
  db: Db,
  item: Case,
  posted: { file?: AcceptedUpload; template?: unknown },
  outcome: 'granted' | 'refused',
): Promise<
  | { file: { name: string; bytes: Buffer }; fromLetterOf?: string }
  | { missing: 'decision-file' | 'decision-template' }
> {
  // Checked and scanned by `readUploads` already.
  if (posted.file) return { file: { name: posted.file.name, bytes: posted.file.bytes } };
  const template = String(posted.template ?? '');
  const file = await decisionLetter(db, item, await workflowFor(db, item.form_id), template, outcome);
  return file ? { file, fromLetterOf: template } : { missing: 'decision-template' };
}
