import { saveWorkflow } from '../../modules/cases/index.ts';
import { getServiceEntry, publishVersion, saveVersion } from '../../modules/catalogue/index.ts';
import { createForm, publishForm } from '../../modules/forms/index.ts';
import type { Db } from '../../platform/database/database.ts';
import { debtExtractForm } from './form.ts';
import { debtExtractWorkflow, extractFeeCents } from './workflow.ts';

export const debtExtractSlug = 'extrait-registre-poursuites';

/**
 * Puts the extract online as the office's designer would, with the builder's and the catalogue
 * editor's own functions: the form, its workflow with the fee, and a catalogue version saying the fee,
 * the level of assurance (substantial or higher) and the mandate theme a representative needs.
 * Returns the form's id; nothing is changed when the service already runs a form.
 */
export async function setUpDebtExtract(db: Db, actor: string): Promise<string | undefined> {
  const service = await getServiceEntry(db, { slug: debtExtractSlug }, 'published');
  if (!service) return undefined;
  if (service.content.formId) return service.content.formId;
  const form = await createForm(db, actor, {
    authorityId: service.authorityId,
    name: debtExtractForm.title.fr,
    definition: debtExtractForm,
  });
  const problems = await publishForm(db, actor, form);
  if (problems.length > 0) throw new Error(`The extract's form cannot be published: ${problems.join(', ')}`);
  await saveWorkflow(db, actor, form.id, debtExtractWorkflow);
  const content = {
    ...service.content,
    formId: form.id,
    feeCents: extractFeeCents,
    level: 'substantial' as const,
    online: true,
    theme: 'debtCollection' as const,
    audiences: ['person' as const, 'organisation' as const, 'representative' as const],
    name: {
      fr: 'Extrait du registre des poursuites',
      de: 'Auszug aus dem Betreibungsregister',
      en: 'Debt collection register extract',
    },
  };
  await publishVersion(db, actor, service, await saveVersion(db, actor, service, content));
  return form.id;
}
