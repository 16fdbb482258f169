import { createHmac, randomUUID } from 'node:crypto';
import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson, staffActor } from '../../../tests/support/factories.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { cookiesFrom, csrfTokenIn, startTestWorker } from '../../../tests/support/test-app.ts';
import { decryptPush, newSubscriptionKeys } from '../../../tests/support/web-push-decrypt.ts';
import type { Actor } from '../../platform/http/access.ts';
import { signDeliveryReport } from '../../platform/sms/sms-gateway.ts';
import { notificationChoices, setNotificationChoices } from '../accounts/index.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { notify } from './outbox.ts';
import { savePushSubscription } from './push-subscriptions.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let actor: Actor | null = null;
let person = { personId: '', accountId: '' };
let sion = '';
const mobile = '+41791234567';
const keys = newSubscriptionKeys();
let sources = 0;

beforeAll(async () => {
  server = await serveTestApp({ actor: () => actor });
  const { db } = server.database;
  worker = await startTestWorker(server);
  person = await createLocalPerson(db, {
    givenNames: 'Iris',
    familyName: 'Métrailler',
    email: 'iris@example.ch',
    password: 'Val d’Hérens 1984',
    emailVerified: true,
  });
  await sql`update persons set mobile = ${mobile}, mobile_verified_at = now() where id = ${person.personId}`.execute(
    db,
  );
  await savePushSubscription(
    db,
    person.personId,
    {
      endpoint: `${server.url}/simulators/push-service/iris-phone`,
      keys: { p256dh: keys.p256dh, auth: keys.authBase64 },
    },
    'test',
  );
  const choices = await notificationChoices(db, person.accountId);
  choices.newDocument = ['email', 'sms', 'push'];
  await setNotificationChoices(db, 'test', person.accountId, choices);
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out; deliveries: ${JSON.stringify((await sql`select channel, status, last_error from notification_deliveries`.execute(server.database.db)).rows)}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

const postReport = (body: string, signature: string) =>
  fetch(`${server.url}/notifications/sms/receipts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Signature': signature },
    body,
  });

const smsTexts = async () =>
  (
    (await (
      await fetch(`${server.url}/simulators/sms-gateway/messages?to=${encodeURIComponent(mobile)}`)
    ).json()) as {
      text: string;
    }[]
  ).map((m) => m.text);

const tellIris = () =>
  server.database.db.transaction().execute((tx) =>
    notify(tx, {
      event: 'newDocument',
      accountId: person.accountId,
      authorityId: sion,
      link: '/documents/42',
      source: `test:${++sources}`,
    }),
  );

describe('delivering notifications', () => {
  it('announces through every chosen channel, saying only that something awaits', async () => {
    expect(await tellIris()).toBe(1);
    const push = await waitFor(async () => {
      const got = (await (await fetch(`${server.url}/simulators/push-service/iris-phone`)).json()) as {
        body: string;
      }[];
      return got[0];
    });
    const payload = JSON.parse(decryptPush(Buffer.from(push.body, 'base64'), keys.receiver, keys.auth));
    expect(payload).toEqual({
      title: 'Sion',
      body: 'Un nouveau document vous attend dans votre espace.',
      url: '/documents/42',
    });
    const sms = await waitFor(async () => (await smsTexts())[0]);
    expect(sms).toBe(
      `Sion : Un nouveau document vous attend dans le guichet numérique. ${server.url}/documents/42`,
    );
    const { rows } = await sql<{ channel: string; status: string }>`
      select channel, status from notification_deliveries order by channel`.execute(server.database.db);
    await waitFor(async () => {
      const { rows: pending } =
        await sql`select 1 from notification_deliveries where status = 'pending'`.execute(server.database.db);
      return pending.length === 0 ? true : undefined;
    });
    expect(rows.map((r) => r.channel)).toEqual(['email', 'push', 'sms']);
    // The SMS network reports the delivery, signed by the gateway.
    await waitFor(async () => {
      const { rows: sms } = await sql<{ status: string }>`
        select status from notification_deliveries where channel = 'sms'`.execute(server.database.db);
      return sms[0]?.status === 'delivered' ? true : undefined;
    });
  });

  it('believes only signed delivery reports, and marks a number out of service as bounced', async () => {
    const { db } = server.database;
    const { rows } = await sql<{ id: string }>`
      select id from notification_deliveries where channel = 'sms' limit 1`.execute(db);
    const reference = rows[0]?.id ?? '';
    await sql`update notification_deliveries set status = 'sent' where id = ${reference}`.execute(db);
    const report = JSON.stringify({ reference, status: 'undeliverable', nonce: randomUUID() });
    const token = server.config.smsGatewayToken ?? '';
    const now = String(Date.now());
    expect((await postReport(report, signDeliveryReport('not-the-token', now, report))).status).toBe(401);
    // The signature of the old format (over the body alone) is no longer enough.
    const bodyOnly = `sha256=${createHmac('sha256', token).update(report).digest('hex')}`;
    expect((await postReport(report, bodyOnly)).status).toBe(401);
    expect((await postReport(report, signDeliveryReport(token, now, report))).status).toBe(200);
    const { rows: after } = await sql<{ status: string; last_error: string }>`
      select status, last_error from notification_deliveries where id = ${reference}`.execute(db);
    expect(after[0]).toEqual({ status: 'bounced', last_error: 'undeliverable' });
  });

  it('refuse delivery reports signed long ago, posted twice, or too large', async () => {
    const { db } = server.database;
    const token = server.config.smsGatewayToken ?? '';
    const { rows } = await sql<{ id: string }>`
      select id from notification_deliveries where channel = 'sms' limit 1`.execute(db);
    const reference = rows[0]?.id ?? '';
    const report = JSON.stringify({ reference, status: 'delivered', nonce: randomUUID() });
    const in2001 = String(Date.UTC(2001, 8, 1));
    const stale = await postReport(report, signDeliveryReport(token, in2001, report));
    expect([stale.status, await stale.json()]).toEqual([401, { error: 'stale' }]);
    const ahead = String(Date.now() + 6 * 60_000); // beyond the five minutes of clock skew allowed
    expect((await postReport(report, signDeliveryReport(token, ahead, report))).status).toBe(401);

    await sql`update notification_deliveries set status = 'sent' where id = ${reference}`.execute(db);
    const signed = signDeliveryReport(token, String(Date.now()), report);
    expect((await postReport(report, signed)).status).toBe(200);
    await sql`update notification_deliveries set status = 'sent' where id = ${reference}`.execute(db);
    const replay = await postReport(report, signed);
    expect([replay.status, await replay.json()]).toEqual([409, { error: 'replay' }]);
    // Signed afresh, the same report (same nonce) is still a replay.
    expect((await postReport(report, signDeliveryReport(token, String(Date.now() + 1), report))).status).toBe(
      409,
    );
    const { rows: after } = await sql<{ status: string }>`
      select status from notification_deliveries where id = ${reference}`.execute(db);
    expect(after[0]?.status).toBe('sent'); // the replay changed nothing

    const large = JSON.stringify({
      reference,
      status: 'delivered',
      nonce: randomUUID(),
      pad: 'x'.repeat(5000),
    });
    expect((await postReport(large, signDeliveryReport(token, String(Date.now()), large))).status).toBe(413);
  });

  it('never tells the same person twice about the same thing', async () => {
    const source = 'test:same';
    const once = () =>
      server.database.db.transaction().execute((tx) =>
        notify(tx, {
          event: 'newDocument',
          accountId: person.accountId,
          authorityId: sion,
          link: '/documents/7',
          source,
        }),
      );
    expect(await once()).toBe(1);
    expect(await once()).toBe(0);
  });

  it('uses the authority’s own wording, refusing placeholders that do not exist', async () => {
    actor = staffActor(sion, 'authorityAdmin');
    const path = '/back-office/authorities/sion/notification-templates';
    const page = await server.app.request(`${path}?event=newDocument&channel=sms&locale=fr`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const save = (body: string) =>
      server.app.request(path, {
        method: 'POST',
        body: new URLSearchParams({
          _csrf: csrfTokenIn(html),
          event: 'newDocument',
          channel: 'sms',
          locale: 'fr',
          subject: '',
          body,
        }),
        headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    const refused = await save('Voici le document {title} : {link}');
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Seuls {authority}, {account}, {what} et {link} sont permis');
    expect((await save('Commune de {authority} – {what} pour {account} : {link}')).status).toBe(303);
    const preview = await (
      await server.app.request(`${path}?event=newDocument&channel=sms&locale=fr`)
    ).text();
    expect(preview).toContain('Commune de Sion – Un nouveau document pour Anna Exemple');

    actor = staffActor(sion, 'agent'); // agents may not word the authority's messages
    expect((await server.app.request(path)).status).toBe(404);

    await tellIris();
    await waitFor(async () => (await smsTexts()).find((t) => t.startsWith('Commune de Sion')));
  });

  it('holds back messages beyond the hourly limit of a channel instead of dropping them', async () => {
    const before = (await smsTexts()).length;
    for (let i = 0; i < 12; i++) await tellIris();
    // Deferred, not dropped: the job waits until the last hour's count falls back under the limit.
    await waitFor(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from graphile_worker.jobs
        where task_identifier = 'notifications:deliver'
          and run_at > now() + interval '1 minute' and run_at < now() + interval '2 hours'`.execute(
        server.database.db,
      );
      return (rows[0]?.n ?? 0) > 0 ? true : undefined;
    });
    expect((await smsTexts()).length).toBe(10); // the limit, counted from the first message of the hour
    expect(before).toBeLessThan(10);
  });
});
