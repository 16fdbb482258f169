import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import type { Session } from '../../platform/http/session.ts';
import { ensurePersonalAccount } from '../accounts/index.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { acceptMandate, proposeMandate } from '../mandates/index.ts';
import { can } from '../policy/index.ts';
import { resolveActor } from './resolve-actor.ts';

let database: TestDatabase;
const people = { principal: { id: '', account: '' }, agent: { id: '', account: '' } };

/** A session of `personId`'s, using `accountId`. */
const sessionOf = (personId: string, accountId: string) => {
  const data: Record<string, unknown> = {
    auth: { personId, level: 'high', provider: 'test', linkId: 'x', authTime: new Date().toISOString() },
    accountId,
  };
  return { get: (key: string) => data[key] } as unknown as Session;
};

/** The statements `work` sends to the database. */
const queriesOf = async (work: () => Promise<unknown>) => (await statementsSentDuring(work)).length;

beforeAll(async () => {
  database = await createTestDatabase();
  const avs = { principal: '7561234567897', agent: '7562345678908' };
  for (const name of ['principal', 'agent'] as const) {
    const { person } = await createPersonWithLink(
      database.db,
      { givenNames: name, familyName: 'Test', avs: avs[name] },
      { provider: 'test', subject: name, level: 'high' },
    );
    people[name] = { id: person.id, account: await ensurePersonalAccount(database.db, person.id, name) };
  }
  const mandate = await proposeMandate(database.db, people.principal.id, 'holder', {
    principalAccountId: people.principal.account,
    agent: { personId: people.agent.id },
    themes: ['tax'],
    permissions: ['consult', 'submit'],
    validFrom: '2020-01-01',
  });
  await acceptMandate(database.db, people.agent.id, mandate.id);
});
afterAll(() => database.drop());

describe('resolveActor', () => {
  it("carries the person's role in their own account, which the policy then does not read again", async () => {
    const { db } = database;
    const actor = await resolveActor(db, sessionOf(people.principal.id, people.principal.account));
    expect(actor?.account).toMatchObject({ id: people.principal.account, role: 'admin' });
    if (!actor) return;
    const resource = { type: 'account' as const, accountId: people.principal.account, theme: 'tax' as const };
    let decision: unknown;
    expect(await queriesOf(async () => (decision = await can(db, actor, 'account.submit', resource)))).toBe(
      0,
    );
    expect(decision).toEqual({ allowed: true, via: 'holder' });
  });

  it('carries no role for an account used under a mandate: the policy reads the mandate', async () => {
    const { db } = database;
    const actor = await resolveActor(db, sessionOf(people.agent.id, people.principal.account));
    expect(actor?.account.id).toBe(people.principal.account);
    expect(actor?.account.role).toBeUndefined();
    if (!actor) return;
    const resource = { type: 'account' as const, accountId: people.principal.account, theme: 'tax' as const };
    expect(await can(db, actor, 'account.submit', resource)).toMatchObject({ allowed: true, via: 'mandate' });
    expect(await can(db, actor, 'account.manage', resource)).toEqual({ allowed: false });
  });
});
