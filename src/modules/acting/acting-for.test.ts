import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { ensurePersonalAccount } from '../accounts/index.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { acceptMandate, closeMandate, proposeMandate } from '../mandates/index.ts';
import { actingFor } from './acting-for.ts';

let database: TestDatabase;
const people: Record<'principal' | 'agent' | 'stranger', { id: string; account: string }> = {
  principal: { id: '', account: '' },
  agent: { id: '', account: '' },
  stranger: { id: '', account: '' },
};

beforeAll(async () => {
  database = await createTestDatabase();
  const avs = { principal: '7561234567897', agent: '7562345678908', stranger: '7569217076985' };
  for (const name of ['principal', 'agent', 'stranger'] as const) {
    const { person } = await createPersonWithLink(
      database.db,
      { givenNames: name, familyName: 'Test', avs: avs[name] },
      { provider: 'test', subject: name, level: 'high' },
    );
    people[name] = { id: person.id, account: await ensurePersonalAccount(database.db, person.id, name) };
  }
});
afterAll(() => database.drop());

describe('actingFor', () => {
  it("answers a person's own account without a mandate, and refuses someone else's", async () => {
    const { principal, stranger } = people;
    expect(await actingFor(database.db, principal.id, principal.account)).toMatchObject({
      account: { id: principal.account, kind: 'personal', name: 'principal' },
    });
    expect((await actingFor(database.db, principal.id, principal.account))?.mandate).toBeUndefined();
    expect(await actingFor(database.db, stranger.id, principal.account)).toBeUndefined();
  });

  it('answers a principal account with the mandate in force, and stops when it is revoked', async () => {
    const { principal, agent } = people;
    const mandate = await proposeMandate(database.db, principal.id, 'holder', {
      principalAccountId: principal.account,
      agent: { personId: agent.id },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: '2020-01-01',
    });
    expect(await actingFor(database.db, agent.id, principal.account)).toBeUndefined();
    await acceptMandate(database.db, agent.id, mandate.id);
    expect(await actingFor(database.db, agent.id, principal.account)).toMatchObject({
      account: { id: principal.account, name: 'principal' },
      mandate: { id: mandate.id, themes: ['tax'], permissions: ['consult'] },
    });
    await closeMandate(database.db, principal.id, mandate.id, 'revoked');
    expect(await actingFor(database.db, agent.id, principal.account)).toBeUndefined();
  });
});
