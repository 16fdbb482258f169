import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { loggedInClient } from '../../../tests/support/http-client.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { decryptPush, newSubscriptionKeys } from '../../../tests/support/web-push-decrypt.ts';
import { listPushSubscriptions, sendPush, vapidKeys } from './push-subscriptions.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let personId = '';

beforeAll(async () => {
  server = await serveTestApp();
  personId = (
    await createLocalPerson(server.database.db, {
      givenNames: 'Iris',
      familyName: 'Métrailler',
      email: 'iris@example.ch',
      password: 'Val d’Hérens 1984',
    })
  ).personId;
});
afterAll(() => server?.close());

async function loggedIn() {
  const browser = await loggedInClient(server.app, 'iris@example.ch', 'Val d’Hérens 1984');
  await browser.get('/notifications/devices');
  return browser;
}

const subscribe = (browser: Awaited<ReturnType<typeof loggedIn>>, body: unknown) =>
  server.app.request('/notifications/devices', {
    method: 'POST',
    headers: { Cookie: browser.cookie(), 'X-CSRF-Token': browser.csrf(), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('push subscriptions', () => {
  it('keeps a device subscription, offers push in the preferences, and delivers a message only that device can read', async () => {
    const browser = await loggedIn();
    const keys = newSubscriptionKeys();
    const endpoint = `${server.url}/simulators/push-service/device-1`;
    expect(
      (await subscribe(browser, { endpoint, keys: { p256dh: 'short', auth: keys.authBase64 } })).status,
    ).toBe(422);
    expect(
      (await subscribe(browser, { endpoint, keys: { p256dh: keys.p256dh, auth: keys.authBase64 } })).status,
    ).toBe(201);
    expect(await (await browser.get('/preferences')).text()).toMatch(/value="push"(?![^>]*disabled)/);

    const [subscription] = await listPushSubscriptions(server.database.db, personId);
    if (!subscription) throw new Error('no subscription');
    const payload = { title: 'Guichet numérique', body: 'Un nouvel élément vous attend.', url: '/' };
    await sendPush(server.database.db, subscription, payload, 'mailto:support@guichet.example');

    const [delivered] = (await (await fetch(endpoint)).json()) as {
      encoding: string;
      authorization: string;
      body: string;
    }[];
    expect(delivered?.encoding).toBe('aes128gcm');
    expect(delivered?.authorization).toContain(`k=${(await vapidKeys(server.database.db)).publicKey}`);
    const body = Buffer.from(delivered?.body ?? '', 'base64');
    expect(body.toString('utf8')).not.toContain('nouvel élément'); // encrypted on the wire
    expect(JSON.parse(decryptPush(body, keys.receiver, keys.auth))).toEqual(payload);
  });

  it('forgets a subscription the push service says is gone', async () => {
    const browser = await loggedIn();
    const keys = newSubscriptionKeys();
    await subscribe(browser, {
      endpoint: `${server.url}/simulators/push-service/gone`,
      keys: { p256dh: keys.p256dh, auth: keys.authBase64 },
    });
    const gone = (await listPushSubscriptions(server.database.db, personId)).find((s) =>
      s.endpoint.endsWith('/gone'),
    );
    if (!gone) throw new Error('no subscription');
    await sendPush(server.database.db, gone, { title: 'x' }, 'mailto:support@guichet.example');
    expect(
      (await listPushSubscriptions(server.database.db, personId)).some((s) => s.endpoint.endsWith('/gone')),
    ).toBe(false);
  });
});
