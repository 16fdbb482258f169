import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createCitizen } from '../../../tests/support/factories.ts';
import { openRequest } from '../../../tests/support/requests.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import type { Db } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { createForm, type FormDefinition, publishForm } from '../forms/index.ts';
import { countInbox, listInbox } from './list-inbox.ts';

let database: TestDatabase;
let authorityId = '';
const opened: Record<string, string> = {};

/** A dog's registration whose answer keeps the code of the kind chosen, labelled in three languages. */
const dogForm = (options: { value: string; label: LocalisedText }[]): FormDefinition => ({
  format: 'guichet-form/1',
  title: { fr: 'Enregistrement d’un chien' },
  steps: [
    {
      id: 'dog',
      title: { fr: 'Le chien' },
      fields: [{ id: 'kind', type: 'choice', label: { fr: 'Genre', de: 'Art' }, required: true, options }],
    },
  ],
});

async function publishedForm(db: Db, authority: string, definition: FormDefinition) {
  const form = await createForm(db, 'test', { authorityId: authority, name: 'Chien', definition });
  await publishForm(db, 'test', form);
  return form;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  authorityId = (await createAuthority(db, { parentSlug: undefined })).id;
  const form = await publishedForm(
    db,
    authorityId,
    dogForm([
      {
        value: 'chien-d-assistance',
        label: { fr: 'Chien d’assistance', de: 'Assistenzhund', en: 'Assistance dog' },
      },
      { value: 'compagnie', label: { fr: 'Compagnie', de: 'Begleithund', en: 'Companion' } },
    ]),
  );
  // Another authority names the same code otherwise: its labels are not this inbox's words.
  const elsewhere = (await createAuthority(db, { parentSlug: undefined })).id;
  await publishedForm(db, elsewhere, dogForm([{ value: 'chien-d-assistance', label: { fr: 'Labrador' } }]));
  const citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Bonvin' });
  opened.assistance = (await openRequest(db, citizen, form.id, { kind: 'chien-d-assistance' })).id;
  opened.companion = (await openRequest(db, citizen, form.id, { kind: 'compagnie' })).id;
});
afterAll(() => database.drop());

const found = async (query: string) => {
  const page = await listInbox(database.db, authorityId, { query, pageSize: 20 });
  expect(await countInbox(database.db, authorityId, { query })).toBe(page.rows.length);
  return page.rows.map((r) => r.id).sort();
};

describe('the inbox’s search in the answers’ choices', () => {
  it('finds a request by the label of the choice made, in any of the form’s languages and any case', async () => {
    expect(await found('Assistenzhund')).toEqual([opened.assistance]);
    expect(await found('assistance dog')).toEqual([opened.assistance]);
    expect(await found('BEGLEIT')).toEqual([opened.companion]);
  });

  it('does not take another authority’s labels for its own', async () => {
    expect(await found('Labrador')).toEqual([]);
  });
});
