import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { principalsOf } from './effective-mandates.ts';
import { representedSql } from './represented-sql.ts';

let database: TestDatabase;
let principal: PersonActor;
let middle: PersonActor;
let agent: PersonActor;

beforeAll(async () => {
  database = await createTestDatabase();
  principal = await createCitizen(database.db, { givenNames: 'Paula', familyName: 'Mandante' });
  middle = await createCitizen(database.db, { givenNames: 'Marc', familyName: 'Fiduciaire' });
  agent = await createCitizen(database.db, { givenNames: 'Alice', familyName: 'Agente' });
});
afterAll(() => database?.drop());

/** A mandate of the principal's account to `to`, under `parent` if given. */
async function mandate(
  to: PersonActor,
  values: { parent?: string; state?: string; validTo?: string; mayDelegate?: boolean } = {},
) {
  const { rows } = await sql<{ id: string }>`insert into mandates (principal_account_id, agent_person_id,
      themes, permissions, valid_from, valid_to, may_delegate, parent_id, state, initiated_by)
    values (${principal.account.id}, ${to.id}, '{tax}', '{consult}', '2020-01-01', ${values.validTo ?? null},
      ${values.mayDelegate ?? false}, ${values.parent ?? null}, ${values.state ?? 'active'}, 'principal')
    returning id`.execute(database.db);
  return rows[0]?.id ?? '';
}

/** What the request path reads, next to what `principalsOf` finds, for the agent and the account. */
async function both() {
  const { rows } = await sql<{ m: { id: string } | null }>`select ${representedSql(
    sql`${agent.id}::uuid`,
    sql`${principal.account.id}::text`,
  )} as m`.execute(database.db);
  const found = (await principalsOf(database.db, agent.id)).find((p) => p.accountId === principal.account.id);
  return { read: rows[0]?.m?.id, found: found?.mandate.id };
}

describe("the request path's mandate", () => {
  it('is the one principalsOf finds, down a chain of delegations, and none once a link fails', async () => {
    await sql`delete from mandates`.execute(database.db);
    expect(await both()).toEqual({ read: undefined, found: undefined });
    const parent = await mandate(middle, { mayDelegate: true });
    const delegated = await mandate(agent, { parent });
    expect(await both()).toEqual({ read: delegated, found: delegated });
    // The parent gave no right to grant: the delegated one does not hold.
    await sql`update mandates set may_delegate = false where id = ${parent}`.execute(database.db);
    expect(await both()).toEqual({ read: undefined, found: undefined });
    await sql`update mandates set may_delegate = true, valid_to = '2021-01-01' where id = ${parent}`.execute(
      database.db,
    );
    expect(await both()).toEqual({ read: undefined, found: undefined });
    await sql`update mandates set valid_to = null, state = 'revoked' where id = ${parent}`.execute(
      database.db,
    );
    expect(await both()).toEqual({ read: undefined, found: undefined });
    await sql`update mandates set state = 'active' where id = ${parent}`.execute(database.db);
    expect(await both()).toEqual({ read: delegated, found: delegated });
  });

  it('holds a chain of eleven parents, not twelve, as principalsOf', async () => {
    await sql`delete from mandates`.execute(database.db);
    let parent: string | undefined;
    for (let i = 0; i < 11; i++)
      parent = await mandate(middle, { mayDelegate: true, ...(parent && { parent }) });
    const eleven = await mandate(agent, { ...(parent && { parent }) });
    expect(await both()).toEqual({ read: eleven, found: eleven });
    const root = await mandate(middle, { mayDelegate: true });
    await sql`update mandates set parent_id = ${root} where parent_id is null and id <> ${root}`.execute(
      database.db,
    );
    expect(await both()).toEqual({ read: undefined, found: undefined });
  });

  it('ends with the mandate itself: expired or revoked', async () => {
    await sql`delete from mandates`.execute(database.db);
    const own = await mandate(agent, { validTo: '2021-01-01' });
    expect(await both()).toEqual({ read: undefined, found: undefined });
    await sql`update mandates set valid_to = null, state = 'revoked' where id = ${own}`.execute(database.db);
    expect(await both()).toEqual({ read: undefined, found: undefined });
    await sql`update mandates set state = 'active' where id = ${own}`.execute(database.db);
    expect(await both()).toEqual({ read: own, found: own });
  });
});
