import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { ensurePersonalAccount, openProfessionalAccount } from '../accounts/accounts.ts';
import { createPersonWithLink } from '../identity/index.ts';
import {
  acceptMandate,
  approvalsSuffice,
  approveMandate,
  closeMandate,
  delegateMandate,
  proposeMandate,
  requestMandate,
} from './mandates.ts';

let database: TestDatabase;
const ids: Record<string, string> = {};
let firm = '';
let company = '';

beforeAll(async () => {
  database = await createTestDatabase();
  for (const name of ['marc', 'claire', 'fiduciaryAdmin', 'agent']) {
    const { person } = await createPersonWithLink(
      database.db,
      { givenNames: name, familyName: 'Test' },
      { provider: 'test', subject: name, level: 'high' },
    );
    ids[name] = person.id;
    await ensurePersonalAccount(database.db, person.id, name);
  }
  const org = async (name: string, uid: string, admin: string) => {
    const { rows } = await sql<{
      id: string;
    }>`insert into organisations (uid, name, legal_form, seat) values (${uid}, ${name}, 'Sàrl', 'Martigny') returning id`.execute(
      database.db,
    );
    return openProfessionalAccount(database.db, admin, { id: rows[0]?.id ?? '', name });
  };
  firm = await org('Fiduciaire des Alpes Sàrl', 'CHE234567895', ids.marc ?? '');
  company = await org('Client SA', 'CHE123456788', ids.fiduciaryAdmin ?? '');
});
afterAll(() => database.drop());

const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);

describe('mandates', () => {
  it('counts signatures the way the commercial register does', () => {
    expect(approvalsSuffice(['holder'])).toBe(true);
    expect(approvalsSuffice(['single'])).toBe(true);
    expect(approvalsSuffice(['joint'])).toBe(false);
    expect(approvalsSuffice(['joint', 'joint'])).toBe(true);
  });

  it('needs two joint signatories before an organisation’s mandate is active', async () => {
    const requested = await requestMandate(database.db, ids.agent ?? '', {
      principalAccountId: firm,
      agent: { personId: ids.agent ?? '' },
      themes: ['narcotics'],
      permissions: ['submit'],
      validFrom: lastYear,
    });
    expect(await approveMandate(database.db, ids.marc ?? '', 'joint', requested.id)).toBe('requested');
    expect(await approveMandate(database.db, ids.marc ?? '', 'joint', requested.id)).toBe('requested'); // the same signatory twice
    expect(await approveMandate(database.db, ids.claire ?? '', 'joint', requested.id)).toBe('active');
  });

  it('lets the agent accept only once the principal’s side has signed enough', async () => {
    const proposed = await proposeMandate(database.db, ids.marc ?? '', 'joint', {
      principalAccountId: firm,
      agent: { personId: ids.agent ?? '' },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: lastYear,
    });
    await expect(acceptMandate(database.db, ids.agent ?? '', proposed.id)).rejects.toMatchObject({
      code: 'mandate_awaits_signatures',
    });
    await approveMandate(database.db, ids.claire ?? '', 'joint', proposed.id);
    await acceptMandate(database.db, ids.agent ?? '', proposed.id);
  });

  it('leaves one audit event per step, on the principal’s behalf, and none for a refused step', async () => {
    const proposed = await proposeMandate(database.db, ids.marc ?? '', 'holder', {
      principalAccountId: firm,
      agent: { personId: ids.agent ?? '' },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: lastYear,
    });
    await acceptMandate(database.db, ids.agent ?? '', proposed.id);
    await closeMandate(database.db, ids.marc ?? '', proposed.id, 'revoked');
    await expect(acceptMandate(database.db, ids.agent ?? '', proposed.id)).rejects.toMatchObject({
      code: 'mandate_closed',
    });
    const { rows } = await sql<{ action: string; actor: string; on_behalf_of: string }>`
      select action, actor, on_behalf_of from audit_events
      where subject_type = 'mandate' and subject_id = ${proposed.id} order by id`.execute(database.db);
    expect(rows).toEqual([
      { action: 'mandate.propose', actor: `person:${ids.marc}`, on_behalf_of: `account:${firm}` },
      { action: 'mandate.accept', actor: `person:${ids.agent}`, on_behalf_of: `account:${firm}` },
      { action: 'mandate.revoked', actor: `person:${ids.marc}`, on_behalf_of: `account:${firm}` },
    ]);
  });

  it('passes a mandate on only within its own terms', async () => {
    const parent = await requestMandate(database.db, ids.marc ?? '', {
      principalAccountId: company,
      agent: { accountId: firm },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: lastYear,
      validTo: '2099-12-31',
      mayDelegate: true,
    });
    await approveMandate(database.db, ids.fiduciaryAdmin ?? '', 'holder', parent.id);
    const wider = { agent: { personId: ids.agent ?? '' }, validFrom: lastYear };
    await expect(
      delegateMandate(database.db, ids.marc ?? '', parent.id, {
        ...wider,
        themes: ['tax', 'debtCollection'],
        permissions: ['consult'],
      }),
    ).rejects.toMatchObject({ code: 'beyond_parent_mandate' });
    await expect(
      delegateMandate(database.db, ids.marc ?? '', parent.id, {
        ...wider,
        themes: ['tax'],
        permissions: ['consult', 'pay'],
      }),
    ).rejects.toMatchObject({ code: 'beyond_parent_mandate' });
    await expect(
      delegateMandate(database.db, ids.marc ?? '', parent.id, {
        ...wider,
        themes: ['tax'],
        permissions: ['consult'],
        validTo: '2100-01-01',
      }),
    ).rejects.toMatchObject({ code: 'beyond_parent_mandate' });
    const assigned = await delegateMandate(database.db, ids.marc ?? '', parent.id, {
      ...wider,
      themes: ['tax'],
      permissions: ['consult'],
    });
    expect(assigned).toMatchObject({
      state: 'active',
      valid_to: '2099-12-31',
      principal_account_id: company,
    });
  });

  it('tells both sides of every step, each once', async () => {
    const told = async (personId: string) => {
      const { rows } = await sql<{ event: string; source: string }>`
        select event, source from notifications where person_id = ${personId} and source like ${`mandate:${mandate.id}:%`}
        order by created_at`.execute(database.db);
      return rows.map((r) => `${r.event} ${r.source.split(':').at(-1)}`);
    };
    const marcAccount = (
      await sql<{ id: string }>`select id from accounts where person_id = ${ids.marc}`.execute(database.db)
    ).rows[0]?.id as string;
    const mandate = await proposeMandate(database.db, ids.marc ?? '', 'holder', {
      principalAccountId: marcAccount,
      agent: { personId: ids.agent ?? '' },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: lastYear,
    });
    expect(await told(ids.agent ?? '')).toEqual(['mandateToApprove proposed']);
    await acceptMandate(database.db, ids.agent ?? '', mandate.id);
    expect(await told(ids.marc ?? '')).toEqual(['mandateChanged accepted']);
    await closeMandate(database.db, ids.marc ?? '', mandate.id, 'revoked');
    expect(await told(ids.agent ?? '')).toEqual(['mandateToApprove proposed', 'mandateChanged revoked']);
    expect(await told(ids.marc ?? '')).toEqual(['mandateChanged accepted']);
  });
});
