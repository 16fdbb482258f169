import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../../tests/support/factories.ts';
import { httpClient } from '../../../../tests/support/http-client.ts';
import { createRequestForm, openRequest } from '../../../../tests/support/requests.ts';
import { createTestApp, startTestWorker } from '../../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../../platform/http/access.ts';
import { getAuthorityBySlug } from '../../authorities/index.ts';
import { deliverDue } from './deliver.ts';

let clock = new Date('2026-12-01T08:00:00Z');
let actor: Actor | null = null;
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let sion = '';
let citizen: PersonActor;
let up = true;
const received: string[] = [];
const receiver = http.createServer((request, response) => {
  received.push(String(request.headers['webhook-id']));
  request.resume();
  response.statusCode = up ? 200 : 503;
  response.end();
});
let url = '';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor, now: () => clock });
  sion = (await getAuthorityBySlug(testApp.database.db, 'sion'))?.id ?? '';
  citizen = await createCitizen(testApp.database.db, { givenNames: 'Eva', familyName: 'Zen' });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  receiver.close();
  await testApp.close();
});

const base = '/back-office/authorities/sion/webhooks';
const deps = () => ({ db: testApp.database.db, secrets: testApp.platform.secrets, now: () => clock });
const advance = async (minutes: number) => {
  for (let i = 0; i < minutes; i++) {
    clock = new Date(clock.getTime() + 60_000);
    await deliverDue(deps());
  }
};

describe('the back office’s webhooks and what a request says of them', () => {
  it('are the authority admin’s: an agent of the authority does not see them', async () => {
    actor = staffActor(sion, 'agent');
    expect((await testApp.app.request(base)).status).toBe(404);
  });

  it('subscribe an address, show its secret once, log its deliveries, and tell the request’s sides honestly', async () => {
    actor = staffActor(sion, 'authorityAdmin');
    const admin = httpClient(testApp.app);
    const refused = await admin.submit(base, { url: 'ftp://nowhere', events: 'request.submitted' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('doit commencer par https://');
    const created = await admin.submit(base, {
      url,
      description: 'ERP',
      events: ['request.submitted', 'request.status_changed'],
    });
    const html = await created.text();
    expect(html).toMatch(/whsec_[A-Za-z0-9+/=]+/);
    const listed = await (await admin.get(base)).text();
    expect(listed).toContain('ERP');
    expect(listed).not.toContain('whsec_'); // shown once only
    const endpointPath = listed.match(new RegExp(`${base}/[0-9a-f-]{36}`))?.[0] ?? '';

    // The application is down: the request is received by the portal, not yet by the application.
    up = false;
    const form = await createRequestForm(testApp.database.db, sion, 'Autorisation');
    const item = await openRequest(testApp.database.db, citizen, form.id);
    const page = async (who: Actor, path: string) => {
      actor = who;
      return (await testApp.app.request(path)).text();
    };
    // The worker runs the event's job and the first attempt, as `guichet worker` would.
    const worker = await startTestWorker(testApp);
    await expect
      .poll(() => page(citizen, `/requests/${item.id}`), { timeout: 20_000 })
      .toContain('transmission au système de l’autorité en cours');
    await worker.stop();
    await advance(30 * 60);
    const citizenPage = await page(citizen, `/requests/${item.id}`);
    expect(citizenPage).toContain('le système de l’autorité ne l’a pas encore reçue');
    expect(citizenPage).not.toContain('Transmise au système');
    const staffPage = await page(
      staffActor(sion, 'agent'),
      `/back-office/authorities/sion/requests/${item.id}`,
    );
    expect(staffPage).toContain('Pas encore reçue par votre application métier');

    // Its log says what happened; once repaired, a replay delivers it and both sides see it.
    actor = staffActor(sion, 'authorityAdmin');
    const log = await (await admin.get(endpointPath)).text();
    expect(log).toContain('request.submitted');
    expect(log).toContain('503');
    up = true;
    const replay = log.match(new RegExp(`${endpointPath}/deliveries/[0-9a-f-]{36}/replay`))?.[0] ?? '';
    const replayed = await admin.post(replay, {});
    expect(await replayed.text()).toContain('Livraison renvoyée');
    expect(await page(citizen, `/requests/${item.id}`)).toContain(
      'Transmise au système de traitement de l’autorité',
    );
  });
});
