import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, personActor, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { listAccess } from '../accounts/index.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { setFormTheme } from '../forms/index.ts';
import { acceptMandate, closeMandate, proposeMandate } from '../mandates/index.ts';
import { apiScopes } from '../policy/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;
let spf = '';
let formId = '';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Noé', familyName: 'Bonvin' });
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  formId = (await createRequestForm(db, spf)).id;
});
afterAll(() => testApp?.close());

const latestAccess = async () => (await listAccess(testApp.database.db, citizen.account.id))[0];
const audited = async (subjectId: string) =>
  (
    await sql<{ action: string }>`
      select action from audit_events where subject_id = ${subjectId} order by id`.execute(
      testApp.database.db,
    )
  ).rows.map((r) => r.action);

describe('who read a request, and who changed it', () => {
  it('logs staff opening a request in the requester’s access log', async () => {
    const item = await openRequest(testApp.database.db, citizen, formId);
    actor = staffActor(spf, 'agent');
    expect((await testApp.app.request(`/back-office/authorities/spf/requests/${item.id}`)).status).toBe(200);
    expect(await latestAccess()).toMatchObject({
      personName: 'Luc Agent',
      via: 'staff',
      action: 'request.view',
      subjectId: item.id,
    });
  });

  it('logs the business application reading a request (answers, AVS number) through the API', async () => {
    const item = await openRequest(testApp.database.db, citizen, formId);
    actor = { kind: 'apiClient', id: randomUUID(), authorityId: spf, scopes: apiScopes };
    expect((await testApp.app.request(`/api/v1/requests/${item.id}`)).status).toBe(200);
    expect(await latestAccess()).toMatchObject({
      personName: expect.stringContaining('(API)'),
      via: 'api',
      authorityId: spf,
      action: 'request.readThroughApi',
      subjectId: item.id,
    });
    actor = citizen;
    expect(await (await testApp.app.request('/accounts/access-log')).text()).toContain(
      'Demande lue par l’application de l’autorité',
    );
  });

  it('logs the requester following their request as its holder', async () => {
    const item = await openRequest(testApp.database.db, citizen, formId);
    actor = citizen;
    expect((await testApp.app.request(`/requests/${item.id}`)).status).toBe(200);
    expect(await latestAccess()).toMatchObject({ via: 'holder', action: 'request.view', subjectId: item.id });
    // Someone acting for the account under another mandate does not see it.
    actor = personActor({ account: citizen.account, mandate: { id: randomUUID(), themes: ['tax'] } });
    expect((await testApp.app.request(`/requests/${item.id}`)).status).toBe(404);
  });

  it('shows a representative the request made under their mandate, logged as done under it', async () => {
    const { db } = testApp.database;
    const taxForm = await createRequestForm(db, spf, 'Impôts');
    await setFormTheme(db, taxForm.id, 'tax');
    const agent = await createCitizen(db, { givenNames: 'Ada', familyName: 'Fiduciaire' });
    const mandate = await proposeMandate(db, citizen.id, 'holder', {
      principalAccountId: citizen.account.id,
      agent: { personId: agent.id },
      themes: ['tax'],
      permissions: ['submit'],
      validFrom: '2020-01-01',
    });
    await acceptMandate(db, agent.id, mandate.id);
    const actingFor = { ...agent, account: citizen.account, mandate: { id: mandate.id, themes: ['tax'] } };
    const item = await openRequest(db, actingFor, taxForm.id, { purpose: 'Déclaration' }, mandate.id);
    actor = actingFor;
    expect((await testApp.app.request(`/requests/${item.id}`)).status).toBe(200);
    expect(await latestAccess()).toMatchObject({ via: 'mandate', mandateId: mandate.id, subjectId: item.id });
    expect(await (await testApp.app.request('/requests')).text()).toContain(item.reference);
    // Once the mandate is revoked, the request is no longer theirs to follow.
    await closeMandate(db, citizen.id, mandate.id, 'revoked');
    expect((await testApp.app.request(`/requests/${item.id}`)).status).toBe(404);
  });

  it('audits assignment, moves, notes and messages', async () => {
    const item = await openRequest(testApp.database.db, citizen, formId);
    const page = `/back-office/authorities/spf/requests/${item.id}`;
    actor = staffActor(spf, 'agent');
    const clerk = httpClient(testApp.app);
    expect((await clerk.submit(`${page}/assign`, {}, page)).status).toBe(303);
    expect((await clerk.submit(`${page}/transition`, { to: 'in_progress' }, page)).status).toBe(303);
    expect((await clerk.submit(`${page}/notes`, { text: 'Dossier simple.' }, page)).status).toBe(303);
    expect((await clerk.submit(`${page}/messages`, { text: 'Bien reçu.' }, page)).status).toBe(303);
    expect(await audited(item.id)).toEqual([
      'case.open',
      'case.assign',
      'case.status',
      'case.note',
      'case.message',
    ]);
  });
});
