import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { ensurePersonalAccount, openProfessionalAccount } from '../accounts/accounts.ts';
import { type CommercialRegister, createPersonWithLink, type RegisterEntry } from '../identity/index.ts';
import { bindAwaitedMandates, bindOrganisationMandates, sameName } from './awaited-mandates.ts';
import { findAgent } from './find-agent.ts';
import { acceptMandate, proposeMandate } from './mandates.ts';

let database: TestDatabase;
let principal = { personId: '', accountId: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  const { person } = await createPersonWithLink(
    database.db,
    { givenNames: 'Sophie', familyName: 'Rochat' },
    { provider: 'test', subject: 'sophie', level: 'high' },
  );
  principal = {
    personId: person.id,
    accountId: await ensurePersonalAccount(database.db, person.id, 'Sophie'),
  };
});
afterAll(() => database.drop());

/** A person's first login: created from the provider's claims, then given their own account. */
async function firstComer(subject: string, familyName: string, avs: string) {
  const { person } = await createPersonWithLink(
    database.db,
    { givenNames: 'Nouvelle', familyName, avs },
    { provider: 'test', subject, level: 'high' },
  );
  await ensurePersonalAccount(database.db, person.id, familyName);
  return person;
}

const awaiting = (avs: string, familyName: string) => awaitingAgent({ avs, name: familyName });
const awaitingAgent = (awaited: { avs: string; name: string } | { uid: string; name: string }) =>
  proposeMandate(database.db, principal.personId, 'holder', {
    principalAccountId: principal.accountId,
    agent: { awaited },
    themes: ['tax'],
    permissions: ['consult'],
    validFrom: '2026-01-01',
  });

describe('a mandate to someone who has never logged in', () => {
  it('compares names without case, accents or surrounding spaces', () => {
    expect(sameName(' FÉLLAY ', 'Fellay')).toBe(true);
    expect(sameName('Fellay', 'Fella')).toBe(false);
  });

  it('waits, untold, and becomes theirs to accept at their first login, audited and announced', async () => {
    const mandate = await awaiting('7564567890120', 'félLay');
    expect(mandate).toMatchObject({ state: 'proposed', agent_person_id: null, awaited_avs: '7564567890120' });

    const claire = await firstComer('claire', 'Fellay', '756.4567.8901.20');
    const bound = await bindAwaitedMandates(database.db, claire);
    expect(bound.map((m) => m.id)).toEqual([mandate.id]);
    expect(bound[0]).toMatchObject({ agent_person_id: claire.id, awaited_avs: null, state: 'proposed' });

    const { rows: told } = await sql<{ event: string }>`
      select event from notifications where person_id = ${claire.id} and source = ${`mandate:${mandate.id}:bound`}`.execute(
      database.db,
    );
    expect(told).toEqual([{ event: 'mandateToApprove' }]);
    const { rows: audit } = await sql<{ action: string; actor: string }>`
      select action, actor from audit_events where subject_id = ${mandate.id} order by id`.execute(
      database.db,
    );
    expect(audit).toEqual([
      { action: 'mandate.propose', actor: `person:${principal.personId}` },
      { action: 'mandate.bind', actor: `person:${claire.id}` },
    ]);
    await acceptMandate(database.db, claire.id, mandate.id);
    // Bound once: a second look finds nothing left waiting.
    expect(await bindAwaitedMandates(database.db, claire)).toEqual([]);
  });

  it('stays waiting when the name does not match the AVS number (a mistyped number binds to nobody)', async () => {
    const mandate = await awaiting('7562345678908', 'Imbodenn');
    const thomas = await firstComer('thomas', 'Imboden', '7562345678908');
    expect(await bindAwaitedMandates(database.db, thomas)).toEqual([]);
    const { rows } = await sql<{ agent_person_id: string | null; awaited_avs: string | null }>`
      select agent_person_id, awaited_avs from mandates where id = ${mandate.id}`.execute(database.db);
    expect(rows).toEqual([{ agent_person_id: null, awaited_avs: '7562345678908' }]);
  });

  it('is not bound once revoked', async () => {
    const mandate = await awaiting('7563456789019', 'Darbellay');
    await sql`update mandates set state = 'revoked' where id = ${mandate.id}`.execute(database.db);
    const marc = await firstComer('marc', 'Darbellay', '7563456789019');
    expect(await bindAwaitedMandates(database.db, marc)).toEqual([]);
  });
});

describe('a mandate to an organisation that does not use the counter yet', () => {
  const bau = { uid: 'CHE345678915', name: 'Imboden Bau AG' } as RegisterEntry;
  const register: CommercialRegister = {
    company: async (uid) => (uid === bau.uid ? bau : undefined),
    companiesSignedBy: async () => [],
  };
  const find = (input: Partial<Parameters<typeof findAgent>[2]>) =>
    findAgent(
      database.db,
      register,
      { kind: 'organisation', avs: '', familyName: '', uid: '', ...input },
      { personId: principal.personId, accountId: principal.accountId },
    );

  it('is named by a UID the commercial register knows, and waits under the register’s name', async () => {
    expect(await find({ uid: 'CHE-999.999.999' })).toEqual({
      problems: [{ field: 'uid', problem: 'uidInvalid' }],
    });
    expect(await find({ uid: 'CHE-123.456.788' })).toEqual({
      problems: [{ field: 'uid', problem: 'uidUnknown' }],
    });
    expect(await find({ uid: 'CHE-345.678.915' })).toEqual({
      agent: { awaited: { uid: 'CHE345678915', name: 'Imboden Bau AG' } },
    });
  });

  it('becomes the organisation’s when its account is opened, audited and told to its account', async () => {
    const mandate = await awaitingAgent({ uid: 'CHE345678915', name: 'Imboden Bau AG' });
    const signatory = await firstComer('bau-signatory', 'Imboden', '7565678901231');
    const { rows } = await sql<{ id: string }>`
      insert into organisations (uid, name, legal_form, seat) values ('CHE345678915', 'Imboden Bau AG', 'AG', 'Brig')
      returning id`.execute(database.db);
    const accountId = await openProfessionalAccount(database.db, signatory.id, {
      id: rows[0]?.id ?? '',
      name: 'Imboden Bau AG',
    });
    const bound = await bindOrganisationMandates(database.db, {
      byPersonId: signatory.id,
      accountId,
      uid: 'CHE345678915',
    });
    expect(bound).toEqual([
      expect.objectContaining({ id: mandate.id, agent_account_id: accountId, awaited_uid: null }),
    ]);
    const { rows: told } = await sql<{ account_id: string }>`
      select account_id from notifications where source = ${`mandate:${mandate.id}:bound`}`.execute(
      database.db,
    );
    expect(told.map((r) => r.account_id)).toContain(accountId);
    // Now known to the counter: the next mandate goes straight to its account.
    expect(await find({ uid: 'CHE-345.678.915' })).toEqual({ agent: { accountId } });
  });
});

describe('naming a person as agent', () => {
  it('checks the AVS number and asks for the name', async () => {
    const find = (avs: string, familyName: string) =>
      findAgent(
        database.db,
        { company: async () => undefined, companiesSignedBy: async () => [] },
        { kind: 'person', avs, familyName, uid: '' },
        { personId: principal.personId, accountId: principal.accountId },
      );
    expect(await find('756.1234.5678.90', '')).toEqual({
      problems: [
        { field: 'avs', problem: 'avsInvalid' },
        { field: 'familyName', problem: 'familyNameMissing' },
      ],
    });
    expect(await find('756.9217.0769.85', 'Nobody')).toMatchObject({
      agent: { awaited: { name: 'Nobody' } },
    });
  });
});
