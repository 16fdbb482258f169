import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug, getCanton, grantStaffRole } from '../authorities/index.ts';
import { listAccess, purgeAccessLog, recordAccess } from './access-log.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Favre' });
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  const canton = (await getCanton(db))?.id ?? '';
  const clerk = await createCitizen(db, { givenNames: 'Luc', familyName: 'Agent' });
  await grantStaffRole(db, 'test', { authorityId: sion, personId: clerk.id, role: 'agent' });
  const subject = { type: 'request', id: randomUUID(), label: 'GU-2026-0000042' };
  const of = { accountId: citizen.account.id, subject };
  await recordAccess(db, {
    ...of,
    person: { id: clerk.id, name: 'Luc Agent' },
    via: 'staff',
    authorityId: sion,
    action: 'request.view',
  });
  await recordAccess(db, {
    ...of,
    person: { id: randomUUID(), name: 'Sion (API)' },
    via: 'api',
    authorityId: sion,
    action: 'request.readThroughApi',
  });
  await recordAccess(db, {
    ...of,
    person: { id: clerk.id, name: 'Luc Agent' },
    via: 'support',
    authorityId: canton,
    action: 'ticket.view',
  });
});
afterAll(() => testApp?.close());

describe('the personal access log', () => {
  it('says on what right each access was made: role in an authority, API key of an authority, support', async () => {
    actor = citizen;
    const html = await (await testApp.app.request('/accounts/access-log')).text();
    expect(html).toContain('Sion, rôle : collaborateur');
    expect(html).toMatch(/Sion, clé d’API [0-9a-f]{8}/);
    expect(html).toContain('Support du guichet');
    expect(html).toContain('Les accès sont gardés deux ans, puis effacés.');
  });

  it('can be downloaded as CSV by the account’s holder, and by nobody else', async () => {
    actor = citizen;
    const response = await testApp.app.request('/accounts/access-log.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toContain('Application métier d’une autorité,"Sion, clé d’API');
    actor = await createCitizen(testApp.database.db, { givenNames: 'Autre', familyName: 'Personne' });
    const other = await (await testApp.app.request('/accounts/access-log.csv')).text();
    expect(other).not.toContain('GU-2026-0000042');
  });

  it('forgets entries older than two years, keeping the others', async () => {
    const { db } = testApp.database;
    await sql`update account_access_log set at = now() - interval '731 days'
      where account_id = ${citizen.account.id} and via = 'support'`.execute(db);
    expect(await purgeAccessLog(db, new Date())).toBe(1);
    expect((await listAccess(db, citizen.account.id)).map((e) => e.via).sort()).toEqual(['api', 'staff']);
  });
});
