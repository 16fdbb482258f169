import { defaultWorkflow, saveWorkflow, type Workflow } from '../../modules/cases/index.ts';
import { getServiceEntry, publishVersion, saveVersion } from '../../modules/catalogue/index.ts';
import { createForm, type FormDefinition, publishForm } from '../../modules/forms/index.ts';
import type { Db } from '../../platform/database/database.ts';

export const taxFileSlug = 'documents-dossier-fiscal';

const year = (y: number) => ({ value: String(y), label: { fr: String(y), de: String(y), en: String(y) } });

/** The short form asking for documents older than the two years shown: which years, and why if wished. */
export const olderDocumentsForm: FormDefinition = {
  format: 'guichet-form/1',
  title: {
    fr: 'Documents fiscaux plus anciens',
    de: 'Ältere Steuerdokumente',
    en: 'Older tax documents',
  },
  steps: [
    {
      id: 'request',
      title: { fr: 'Années fiscales', de: 'Steuerjahre', en: 'Tax years' },
      fields: [
        {
          id: 'years',
          type: 'multichoice',
          label: { fr: 'Pour quelles années ?', de: 'Für welche Jahre?', en: 'For which years?' },
          required: true,
          options: [year(2024), year(2023), year(2022)],
        },
        {
          id: 'reason',
          type: 'textarea',
          label: { fr: 'Motif (facultatif)', de: 'Grund (freiwillig)', en: 'Reason (optional)' },
        },
      ],
    },
  ],
};

/** Received, searched in the archive by the tax system, then sent into the requester's documents. */
export const olderDocumentsWorkflow: Workflow = {
  ...defaultWorkflow,
  statuses: {
    ...defaultWorkflow.statuses,
    in_progress: {
      ...defaultWorkflow.statuses.in_progress,
      citizenLabel: { fr: 'Recherche aux archives', de: 'Suche im Archiv', en: 'Searching the archive' },
      staffLabel: { fr: 'Recherche aux archives', de: 'Suche im Archiv', en: 'Searching the archive' },
      notify: false,
    },
    documents_sent: {
      citizenLabel: {
        fr: 'Documents envoyés dans vos documents',
        de: 'Dokumente in Ihre Dokumente gesendet',
        en: 'Documents sent to your documents',
      },
      staffLabel: { fr: 'Documents envoyés', de: 'Dokumente gesendet', en: 'Documents sent' },
      final: true,
      notify: true,
    },
  },
  transitions: [
    ...defaultWorkflow.transitions,
    {
      from: 'in_progress',
      to: 'documents_sent',
      roles: ['agent', 'authorityAdmin'],
      label: { fr: 'Documents envoyés', de: 'Dokumente gesendet', en: 'Documents sent' },
    },
  ],
};

/**
 * The tax file's online part, set up as the tax office's designer would with the builder's and the
 * catalogue editor's functions: the older-documents form and its workflow, and a catalogue version
 * (free, substantial level, "tax" mandate theme) whose procedure is that form. Returns the form's id.
 */
export async function setUpTaxFile(db: Db, actor: string): Promise<string | undefined> {
  const service = await getServiceEntry(db, { slug: taxFileSlug }, 'published');
  if (!service) return undefined;
  if (service.content.formId) return service.content.formId;
  const form = await createForm(db, actor, {
    authorityId: service.authorityId,
    name: olderDocumentsForm.title.fr,
    definition: olderDocumentsForm,
  });
  const problems = await publishForm(db, actor, form);
  if (problems.length > 0)
    throw new Error(`The older-documents form cannot be published: ${problems.join(', ')}`);
  await saveWorkflow(db, actor, form.id, olderDocumentsWorkflow);
  const content = {
    ...service.content,
    formId: form.id,
    feeCents: null,
    level: 'substantial' as const,
    online: true,
    theme: 'tax' as const,
  };
  await publishVersion(db, actor, service, await saveVersion(db, actor, service, content));
  return form.id;
}
