import { saveWorkflow, type Workflow } from '../../modules/cases/index.ts';
import { getServiceEntry, publishVersion, saveVersion } from '../../modules/catalogue/index.ts';
import { createForm, type FormDefinition, publishForm } from '../../modules/forms/index.ts';
import type { Db } from '../../platform/database/database.ts';

/**
 * Puts a catalogue service online as its designers would: the form built in the generator,
 * published; the workflow saved in the designer; the catalogue entry's new version naming the form,
 * published (which gives the form the entry's mandate theme). Nothing when it is already online;
 * returns the form's id, or undefined when the catalogue has no such service.
 */
export async function putOnline(
  db: Db,
  by: string,
  slug: string,
  definition: FormDefinition,
  workflow: Workflow,
): Promise<string | undefined> {
  const service = await getServiceEntry(db, { slug }, 'published');
  if (!service) return undefined;
  if (service.content.formId) return service.content.formId;
  const form = await createForm(db, by, {
    authorityId: service.authorityId,
    name: definition.title.fr,
    definition,
  });
  const problems = await publishForm(db, by, form);
  if (problems.length > 0) throw new Error(`The form does not publish: ${problems.join(', ')}`);
  await saveWorkflow(db, by, form.id, workflow);
  await publishVersion(
    db,
    by,
    service,
    await saveVersion(db, by, service, { ...service.content, formId: form.id }),
  );
  return form.id;
}
