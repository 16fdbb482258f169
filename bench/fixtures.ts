import { randomBytes } from 'node:crypto';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import { type DocumentVault, publishDocument } from '../src/modules/documents/index.ts';
import { createForm, getForm, publishForm } from '../src/modules/forms/index.ts';
import type { Db } from '../src/platform/database/database.ts';

/** A 200 KB extract in a person's documents, as the debt-collection office publishes one. */
export async function publishExtract(
  vault: DocumentVault,
  to: { accountId: string; authorityId: string },
  idempotencyKey: string,
) {
  const { document } = await publishDocument(vault, {
    ...to,
    title: 'Extrait',
    category: 'extract',
    theme: 'debtCollection',
    message: null,
    filename: 'extrait.pdf',
    bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200 * 1024), Buffer.from('\n%%EOF\n')]),
    idempotencyKey,
    publishedBy: 'bench',
  });
  return document;
}

/** The debt-collection office's one-step form with a text and a file, published: the bench's submission. */
export async function publishBenchForm(db: Db) {
  const created = await createForm(db, 'bench', {
    authorityId: (await getAuthorityBySlug(db, 'spf'))?.id ?? '',
    name: 'Bench',
    definition: {
      format: 'guichet-form/1',
      title: { fr: 'Reconnaissance de diplôme' },
      steps: [
        {
          id: 'main',
          title: { fr: 'Diplôme' },
          fields: [
            { id: 'school', type: 'text', label: { fr: 'École' }, required: true },
            { id: 'diploma', type: 'file', label: { fr: 'Diplôme' } },
          ],
        },
      ],
    },
  });
  await publishForm(db, 'bench', created);
  return (await getForm(db, created.id)) ?? created;
}
