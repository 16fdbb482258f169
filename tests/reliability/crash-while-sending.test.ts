import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { notificationChoices, setNotificationChoices } from '../../src/modules/accounts/index.ts';
import { notify } from '../../src/modules/notifications/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createLocalPerson } from '../support/factories.ts';
import { type GuichetProcess, spawnGuichet } from '../support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { writeFigures } from './figures.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const running: GuichetProcess[] = [];
let database: TestDatabase | undefined;
/** Message-IDs of the mails the server took in full (their data read), acknowledged or not. */
const received: string[] = [];
let acknowledging = false;

// A mail server that reads each mail at once but is slow to say "250 OK": a sender killed meanwhile
// never learns it was delivered, and sends it again after its restart.
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
    });
    stream.on('end', () => {
      received.push(/^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '?');
      setTimeout(() => callback(), acknowledging ? 0 : 1500);
    });
  },
});

afterAll(async () => {
  for (const instance of running) if (instance.child.exitCode === null) await instance.stop();
  smtp.close();
  await database?.drop();
});

describe('killed with -9 while sending notifications', { timeout: 300_000 }, () => {
  it('the server process: after a restart every e-mail of the outbox went out at least once, duplicates at most those in flight', async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    database = await createTestDatabase();
    const { db } = database;
    await seedDemo(db);
    const env = {
      DATABASE_URL: database.url,
      GUICHET_WORKER_CONCURRENCY: '4',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 4).toString('base64')}`,
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    };
    const first = await spawnGuichet(['serve'], env);
    running.push(first);
    const person = await createLocalPerson(db, {
      givenNames: 'Inès',
      familyName: 'Outbox',
      email: 'ines.outbox@example.ch',
      password: 'outbox-Passw0rd-long',
      emailVerified: true,
    });
    const choices = await notificationChoices(db, person.accountId);
    choices.newDocument = ['email'];
    await setNotificationChoices(db, 'test', person.accountId, choices);
    const count = 20;
    for (let i = 0; i < count; i++)
      await db.transaction().execute((tx) =>
        notify(tx, {
          event: 'newDocument',
          accountId: person.accountId,
          authorityId: null,
          link: `/documents/${i}`,
          source: `crash-sending:${i}`,
        }),
      );
    const { rows: deliveries } = await sql<{ id: string }>`
      select d.id from notification_deliveries d join notifications n on n.id = d.notification_id
       where n.source like 'crash-sending:%'`.execute(db);
    expect(deliveries).toHaveLength(count);
    while (received.length < 3) await sleep(100);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = received.length;
    await sleep(500);
    acknowledging = true;

    const restartedAt = Date.now();
    running.push(await spawnGuichet(['serve'], env));
    const sent = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from notification_deliveries d join notifications n on n.id = d.notification_id
           where n.source like 'crash-sending:%' and d.status = 'sent'`.execute(db)
      ).rows[0]?.n ?? 0;
    const deadline = Date.now() + 120_000;
    while ((await sent()) < count && Date.now() < deadline) await sleep(500);
    expect(await sent()).toBe(count);
    const ids = deliveries.map((d) => `<${d.id}@guichet>`);
    for (const id of ids) expect(received, id).toContain(id);
    const duplicates = received.length - new Set(received).size;
    // At most the mails taken but not yet acknowledged at the kill: one per worker slot.
    expect(duplicates).toBeLessThanOrEqual(4);
    await writeFigures('crash-while-sending', {
      notifications: count,
      receivedBeforeKill: atKill,
      received: received.length,
      duplicates,
      allSentWithinSeconds: (Date.now() - restartedAt) / 1000,
    });
  });
});
