import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAuthority } from '../../../tests/support/factories.ts';
import { oneQuestion } from '../../../tests/support/requests.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { saveDefinition } from './forms.ts';
import { createForm, getForm, publishForm } from './index.ts';

let database: TestDatabase;
let authority: { id: string };
beforeAll(async () => {
  database = await createTestDatabase();
  authority = await createAuthority(database.db, { kind: 'canton', parentSlug: undefined });
});
afterAll(() => database.drop());

it('publishes once when two designers publish the same version at the same moment', async () => {
  const form = await createForm(database.db, 'test', {
    authorityId: authority.id,
    name: 'Twice',
    definition: oneQuestion,
  });
  const results = await Promise.allSettled(
    Array.from({ length: 4 }, () => publishForm(database.db, 'test', form)),
  );
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  expect((await getForm(database.db, form.id))?.publishedVersion).toBe(1);
});

it('publishes and saves the same form at the same moment without a deadlock', async () => {
  const form = await createForm(database.db, 'test', {
    authorityId: authority.id,
    name: 'Both',
    definition: oneQuestion,
  });
  const results = await Promise.allSettled(
    Array.from({ length: 8 }, (_, n) =>
      n % 2 ? publishForm(database.db, 'test', form) : saveDefinition(database.db, 'test', form, oneQuestion),
    ),
  );
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
});
