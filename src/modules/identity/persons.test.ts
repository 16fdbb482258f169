import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { createPersonWithLink, linkIdentity } from './persons.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('persons', () => {
  it('keeps no AVS number with a wrong check digit from a provider', async () => {
    const link = (subject: string) => ({ provider: 'x', subject, level: 'high' as const });
    const good = await createPersonWithLink(
      database.db,
      { givenNames: 'A', familyName: 'B', avs: '756.9217.0769.85' },
      link('1'),
    );
    const bad = await createPersonWithLink(
      database.db,
      { givenNames: 'C', familyName: 'D', avs: '756.9217.0769.84' },
      link('2'),
    );
    expect(good.person.avs).toBe('7569217076985');
    expect(bad.person.avs).toBeNull();
  });

  it('refuses to link a means that belongs to someone else', async () => {
    const first = await createPersonWithLink(
      database.db,
      { givenNames: 'E', familyName: 'F' },
      { provider: 'y', subject: 'one', level: 'low' },
    );
    const second = await createPersonWithLink(
      database.db,
      { givenNames: 'G', familyName: 'H' },
      { provider: 'y', subject: 'two', level: 'low' },
    );
    await expect(
      linkIdentity(database.db, second.person.id, { provider: 'y', subject: 'one', level: 'low' }),
    ).rejects.toMatchObject({
      code: 'identity_linked_elsewhere',
    });
    expect(
      (await linkIdentity(database.db, first.person.id, { provider: 'y', subject: 'one', level: 'low' }))
        .person_id,
    ).toBe(first.person.id);
  });
});
