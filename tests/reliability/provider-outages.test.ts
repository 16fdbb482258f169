import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationChoices, setNotificationChoices } from '../../src/modules/accounts/index.ts';
import { deliver, notify } from '../../src/modules/notifications/outbox.ts';
import { savePushSubscription } from '../../src/modules/notifications/push-subscriptions.ts';
import { createLocalPerson } from '../support/factories.ts';
import { createTestApp } from '../support/test-app.ts';
import { newSubscriptionKeys } from '../support/web-push-decrypt.ts';
import { writeFigures } from './figures.ts';

/** How each stand-in answers: as it should, an outage, a refusal that will not change, or not at all. */
type Mode = 'ok' | 'outage' | 'refusal' | 'down';
const mode = { smtp: 'ok' as Mode, sms: 'ok' as Mode, push: 'ok' as Mode };
const received = { smtp: 0, sms: 0, push: 0 };

let smtp: SMTPServer;
let smtpPort = 0;
let gateway: http.Server;
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let person = { personId: '', accountId: '' };
let sources = 0;
const figures: Record<string, unknown> = {};

function startSmtp(port: number) {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(_address, _session, callback) {
      if (mode.smtp === 'outage')
        return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
      if (mode.smtp === 'refusal')
        return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume().on('end', () => {
        received.smtp += 1;
        callback();
      });
    },
  });
  return new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
}

beforeAll(async () => {
  await startSmtp(0);
  smtpPort = (smtp.server.address() as AddressInfo).port;
  // The SMS gateway and the push service: one stand-in, told apart by path.
  gateway = http.createServer((request, response) => {
    request.resume().on('end', () => {
      const which = request.url?.startsWith('/push') ? 'push' : 'sms';
      if (mode[which] === 'outage') return response.writeHead(503).end();
      if (mode[which] === 'refusal') return response.writeHead(400).end();
      received[which] += 1;
      response.writeHead(201, { 'Content-Type': 'application/json' }).end('{"id":"m1","status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  testApp = await createTestApp({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMS_GATEWAY_URL: gatewayUrl,
      SMS_GATEWAY_TOKEN: 'token',
    },
  });
  const { db } = testApp.database;
  person = await createLocalPerson(db, {
    givenNames: 'Iris',
    familyName: 'Panne',
    email: 'iris.panne@example.ch',
    password: 'Val d’Hérens 1984',
    emailVerified: true,
  });
  await sql`update persons set mobile = '+41791230000', mobile_verified_at = now() where id = ${person.personId}`.execute(
    db,
  );
  const keys = newSubscriptionKeys();
  await savePushSubscription(
    db,
    person.personId,
    { endpoint: `${gatewayUrl}/push/iris`, keys: { p256dh: keys.p256dh, auth: keys.authBase64 } },
    'test',
  );
  const choices = await notificationChoices(db, person.accountId);
  choices.newDocument = ['email', 'sms', 'push'];
  await setNotificationChoices(db, 'test', person.accountId, choices);
});
afterAll(async () => {
  await writeFigures('provider-outages', figures);
  smtp?.close();
  gateway?.close();
  await testApp?.close();
});

/** A new notification for Iris; its one delivery on `channel`. */
async function deliveryOn(channel: 'email' | 'sms' | 'push'): Promise<string> {
  const source = `outage:${++sources}`;
  await testApp.database.db.transaction().execute((tx) =>
    notify(tx, {
      event: 'newDocument',
      accountId: person.accountId,
      authorityId: null,
      link: '/documents/1',
      source,
    }),
  );
  const { rows } = await sql<{ id: string }>`
    select d.id from notification_deliveries d join notifications n on n.id = d.notification_id
     where n.source = ${source} and d.channel = ${channel}`.execute(testApp.database.db);
  if (!rows[0]) throw new Error(`no ${channel} delivery`);
  return rows[0].id;
}

const stateOf = async (id: string) =>
  (
    await sql<{ status: string; attempts: number; last_error: string | null }>`
      select status, attempts, last_error from notification_deliveries where id = ${id}`.execute(
      testApp.database.db,
    )
  ).rows[0];

/** One attempt as the job would make it: true when the job would be retried (it threw). */
const attempt = (id: string, number: number) =>
  deliver(testApp.platform, id, { number, max: 25 }).then(
    () => false,
    () => true,
  );

const channels = [
  ['email', 'smtp'],
  ['sms', 'sms'],
  ['push', 'push'],
] as const;

describe('a provider down, failing or refusing', () => {
  it.each(channels)(
    '%s: an outage is retried until the provider is back, then sent once',
    async (channel, provider) => {
      const id = await deliveryOn(channel);
      const before = received[provider];
      mode[provider] = 'outage';
      expect(await attempt(id, 1)).toBe(true);
      expect(await attempt(id, 2)).toBe(true);
      expect(await stateOf(id)).toMatchObject({ status: 'pending', attempts: 2 });
      mode[provider] = 'ok';
      expect(await attempt(id, 3)).toBe(false);
      expect(await stateOf(id)).toMatchObject({ status: 'sent', attempts: 3 });
      // A duplicate job (a retry after a crash between sending and recording) sends nothing again.
      expect(await attempt(id, 4)).toBe(false);
      expect(received[provider] - before).toBe(1);
      figures[`${channel}Outage`] = { attemptsUntilSent: 3, sent: received[provider] - before };
    },
  );

  it.each(channels)(
    '%s: a permanent refusal fails the delivery at once, not retried',
    async (channel, provider) => {
      const id = await deliveryOn(channel);
      mode[provider] = 'refusal';
      expect(await attempt(id, 1)).toBe(false);
      const state = await stateOf(id);
      expect(state).toMatchObject({ status: 'failed', attempts: 1 });
      expect(state?.last_error).toMatch(/^permanent: /);
      mode[provider] = 'ok';
      figures[`${channel}Refusal`] = state;
    },
  );

  it('email: with the mail server not even listening, nothing is lost; it goes once it is back', async () => {
    const id = await deliveryOn('email');
    const before = received.smtp;
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    expect(await attempt(id, 1)).toBe(true);
    expect(await stateOf(id)).toMatchObject({ status: 'pending', attempts: 1 });
    await startSmtp(smtpPort);
    expect(await attempt(id, 2)).toBe(false);
    expect(await stateOf(id)).toMatchObject({ status: 'sent' });
    expect(received.smtp - before).toBe(1);
  });
});
