import { randomBytes } from 'node:crypto';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import { type DocumentVault, publishDocument } from '../src/modules/documents/index.ts';
import type { Db } from '../src/platform/database/database.ts';
import { publishDiplomaForm } from '../tests/support/test-forms.ts';

/** What the bench searches the catalogue for: each language's words, a typo, a word's start. */
export const searchQueries = [
  'poursuite',
  'betreibung',
  'pursuite',
  'chien',
  'impots',
  'stupefiants',
  'autorisation prat',
];

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
  return publishDiplomaForm(db, (await getAuthorityBySlug(db, 'spf'))?.id ?? '', 'Bench', 'bench');
}
