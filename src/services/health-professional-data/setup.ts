import { saveWorkflow } from '../../modules/cases/index.ts';
import { getServiceEntry, publishVersion, saveVersion } from '../../modules/catalogue/index.ts';
import { createForm, publishForm } from '../../modules/forms/index.ts';
import type { Db } from '../../platform/database/database.ts';
import { changeForm, changeWorkflow } from './change-form.ts';

/** The catalogue entry the announcements run under (Service de la santé publique). */
export const changeServiceSlug = 'donnees-professionnels-sante';
/** The entry's start page: what the procedure is and the person's entry, before the form. */
export const startPath = '/health-register/start';

/**
 * Puts the announcement online as the health service's designers would: the form built in the
 * generator, published, its workflow saved, the catalogue entry's new version naming the form (which
 * gives it the entry's mandate theme, `healthRegister`), started from the service's own page that
 * explains it. Nothing when already online; the form's id.
 */
export async function setUpHealthProfessionalData(db: Db, by: string): Promise<string | undefined> {
  const service = await getServiceEntry(db, { slug: changeServiceSlug }, 'published');
  if (!service) return undefined;
  if (service.content.formId && service.content.startPath === startPath) return service.content.formId;
  if (service.content.formId) {
    // Online before it had its start page: the catalogue's start led straight into the form.
    const content = { ...service.content, startPath };
    await publishVersion(db, by, service, await saveVersion(db, by, service, content));
    return service.content.formId;
  }
  const form = await createForm(db, by, {
    authorityId: service.authorityId,
    name: changeForm.title.fr,
    definition: changeForm,
  });
  const problems = await publishForm(db, by, form);
  if (problems.length > 0) throw new Error(`The form does not publish: ${problems.join(', ')}`);
  await saveWorkflow(db, by, form.id, changeWorkflow);
  await publishVersion(
    db,
    by,
    service,
    await saveVersion(db, by, service, { ...service.content, formId: form.id, startPath }),
  );
  return form.id;
}

/** The published form of the announcements, if the service is online. */
export async function changeFormId(db: Db): Promise<string | undefined> {
  return (await getServiceEntry(db, { slug: changeServiceSlug }, 'published'))?.content.formId ?? undefined;
}
