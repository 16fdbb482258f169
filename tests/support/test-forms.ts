import type { ServiceContent } from '../../src/modules/catalogue/index.ts';
import { createForm, type FormDefinition, getForm, publishForm } from '../../src/modules/forms/index.ts';
import type { Db } from '../../src/platform/database/database.ts';

export type FormField = FormDefinition['steps'][number]['fields'][number];

/**
 * A one-step form of the authority, published (version 1), as read back after publishing: what most
 * tests of a request or a submission start from. The title and the step's title default to the name.
 *
 * @example await publishOneStepForm(db, spf, { name: 'Bourse', fields: [{ id: 'why', type: 'text', label: { fr: 'Motif' } }] })
 */
export async function publishOneStepForm(
  db: Db,
  authorityId: string,
  form: { name: string; title?: string; step?: { id?: string; title?: string }; fields: FormField[] },
  by = 'test',
) {
  const title = form.title ?? form.name;
  const created = await createForm(db, by, {
    authorityId,
    name: form.name,
    definition: {
      format: 'guichet-form/1',
      title: { fr: title },
      steps: [{ id: form.step?.id ?? 'main', title: { fr: form.step?.title ?? title }, fields: form.fields }],
    },
  });
  await publishForm(db, by, created);
  return (await getForm(db, created.id)) ?? created;
}

/** A diploma's recognition: the school (required) and the diploma as a file, one step. */
export function publishDiplomaForm(db: Db, authorityId: string, name = 'Diplôme', by = 'test') {
  return publishOneStepForm(
    db,
    authorityId,
    {
      name,
      title: 'Reconnaissance de diplôme',
      step: { title: 'Diplôme' },
      fields: [
        { id: 'school', type: 'text', label: { fr: 'École' }, required: true },
        { id: 'diploma', type: 'file', label: { fr: 'Diplôme' } },
      ],
    },
    by,
  );
}

/** One step `papers`: a remark (optional) and a diploma as a file — a step with text and a file to post. */
export function publishPapersForm(db: Db, authorityId: string, name: string) {
  return publishOneStepForm(db, authorityId, {
    name,
    step: { id: 'papers', title: 'Pièces' },
    fields: [
      { id: 'note', type: 'text', label: { fr: 'Remarque' } },
      { id: 'diploma', type: 'file', label: { fr: 'Diplôme' } },
    ],
  });
}

/** A catalogue entry for an online form (a fishing permit), with the fee it announces, if any. */
export function fishingPermitEntry(
  formId: string,
  feeCents: number | null,
  level: ServiceContent['level'] = 'substantial',
): ServiceContent {
  return {
    name: { fr: 'Permis de pêche' },
    summary: { fr: 'Pêcher dans les cours d’eau du canton.' },
    description: { fr: 'Le permis annuel.' },
    requirements: { fr: '' },
    documentsIssued: { fr: '' },
    audiences: ['person'],
    feeCents,
    processingDays: null,
    level,
    online: true,
    theme: null,
    formId,
    topics: [],
    lifeEvents: [],
  };
}
