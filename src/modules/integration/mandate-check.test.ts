import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { ensurePersonalAccount, openProfessionalAccount } from '../accounts/accounts.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { acceptMandate, closeMandate, proposeMandate } from '../mandates/index.ts';
import { createApiClient } from './api-clients.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let key = '';
let mandateId = '';
const principalId = { value: '' };

beforeAll(async () => {
  testApp = await createTestApp();
  const db = testApp.database.db;
  const person = async (name: string, avs: string) => {
    const { person: p } = await createPersonWithLink(
      db,
      { givenNames: name, familyName: 'Test', avs },
      { provider: 'test', subject: name, level: 'high' },
    );
    return { id: p.id, account: await ensurePersonalAccount(db, p.id, name) };
  };
  const principal = await person('principal', '7561234567897');
  const agent = await person('agent', '7562345678908');
  principalId.value = principal.id;
  const mandate = await proposeMandate(db, principal.id, 'holder', {
    principalAccountId: principal.account,
    agent: { personId: agent.id },
    themes: ['tax'],
    permissions: ['consult'],
    validFrom: '2020-01-01',
  });
  await acceptMandate(db, agent.id, mandate.id);
  mandateId = mandate.id;
  const { rows } = await sql<{
    id: string;
  }>`insert into organisations (uid, name, legal_form, seat) values ('CHE123456788', 'Pharmacie du Rhône SA', 'SA', 'Sion') returning id`.execute(
    db,
  );
  await openProfessionalAccount(db, agent.id, { id: rows[0]?.id ?? '', name: 'Pharmacie du Rhône SA' });
  const scc = await getAuthorityBySlug(db, 'scc');
  key = (
    await createApiClient(db, 'test', {
      authorityId: scc?.id ?? '',
      name: 'Tax system',
      scopes: ['mandates:read'],
      mode: 'live',
    })
  ).key;
});
afterAll(() => testApp.close());

const check = (query: string, authorization = `Bearer ${key}`) =>
  testApp.app.request(`/api/v1/mandates/check?${query}`, { headers: { Authorization: authorization } });

describe('GET /api/v1/mandates/check', () => {
  it('wants a valid API key', async () => {
    for (const authorization of ['', 'Bearer gk_live_wrongwrongwrongwrongwrongwrongwrongwrongwro']) {
      const response = await check(
        'agentAvs=756.2345.6789.08&principalAvs=756.1234.5678.97&theme=tax',
        authorization,
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
  });

  it('answers with the mandate a yes rests on, and no outside its theme or permission', async () => {
    const yes = await check('agentAvs=756.2345.6789.08&principalAvs=756.1234.5678.97&theme=tax');
    expect(await yes.json()).toEqual({
      allowed: true,
      basis: 'mandate',
      mandate: {
        id: mandateId,
        themes: ['tax'],
        permissions: ['consult'],
        validFrom: '2020-01-01',
        validTo: null,
      },
    });
    expect(
      await (
        await check('agentAvs=756.2345.6789.08&principalAvs=756.1234.5678.97&theme=debtCollection')
      ).json(),
    ).toMatchObject({ allowed: false });
    expect(
      await (
        await check('agentAvs=756.2345.6789.08&principalAvs=756.1234.5678.97&theme=tax&permission=pay')
      ).json(),
    ).toMatchObject({ allowed: false });
  });

  it('knows that an organisation’s admin acts for it without a mandate', async () => {
    const response = await check(
      'agentAvs=756.2345.6789.08&principalUid=CHE-123.456.788&theme=narcotics&permission=submit',
    );
    expect(await response.json()).toEqual({ allowed: true, basis: 'member', mandate: null });
  });

  it('says so when it does not know the people, and refuses bad themes', async () => {
    expect((await check('agentAvs=756.9217.0769.85&principalAvs=756.1234.5678.97&theme=tax')).status).toBe(
      404,
    );
    expect((await check('agentAvs=756.2345.6789.08&principalAvs=756.9217.0769.85&theme=tax')).status).toBe(
      404,
    );
    expect(
      (await check('agentAvs=756.2345.6789.08&principalAvs=756.1234.5678.97&theme=everything')).status,
    ).toBe(400);
  });

  it('says no from the moment the mandate is revoked', async () => {
    await closeMandate(testApp.database.db, principalId.value, mandateId, 'revoked');
    expect(
      await (await check('agentAvs=756.2345.6789.08&principalAvs=756.1234.5678.97&theme=tax')).json(),
    ).toMatchObject({ allowed: false, mandate: null });
  });
});
