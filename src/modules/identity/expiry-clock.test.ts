import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { loggedInClient } from '../../../tests/support/http-client.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { linkIn, startSmtpSink } from '../../../tests/support/smtp-sink.ts';
import { startTestWorker } from '../../../tests/support/test-app.ts';

/**
 * E-mailed links and mobile codes expire on the platform's clock, which the test sets years away from
 * the real one: a token or code stamped or checked with the real time would be dead at once, or never die.
 */
let clock = Date.parse('2031-03-10T09:00:00Z');
const minutes = (n: number) => n * 60_000;
let server: Awaited<ReturnType<typeof serveTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: Runner;
const email = 'ines.clock@example.ch';
const password = 'Pierre Avoi 2473 m';

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await serveTestApp({
    now: () => new Date(clock),
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
  });
  worker = await startTestWorker(server);
  await createLocalPerson(server.database.db, { givenNames: 'Inès', familyName: 'Horloge', email, password });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await smtp?.stop();
  await server?.close();
});

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

async function smsCodeTo(mobile: string): Promise<string> {
  return waitFor(async () => {
    const sent: { text: string }[] = await (
      await fetch(`${server.url}/simulators/sms-gateway/messages?to=${encodeURIComponent(mobile)}`)
    ).json();
    return sent[0]?.text.match(/\d{6}/)?.[0];
  });
}

describe('expiry on the platform clock', () => {
  it('keeps a recovery link live for its thirty minutes and not a minute more', async () => {
    const browser = await loggedInClient(server.app, email, password);
    await browser.get('/login/recover');
    await browser.post('/login/recover', { email });
    const mail = await waitFor(() => smtp.received.find((m) => m.raw.includes('/login/recover/')));
    const path = linkIn(mail.raw).replace(server.url, '');

    clock += minutes(29);
    expect((await browser.get(path)).status).toBe(200);
    clock += minutes(2);
    expect((await browser.get(path)).status).toBe(404);
  });

  it('accepts a mobile code within its ten minutes and refuses it after', async () => {
    const browser = await loggedInClient(server.app, email, password);
    await browser.get('/profile/mobile');
    expect((await browser.post('/profile/mobile', { mobile: '+41791110001' })).status).toBe(303);
    clock += minutes(9);
    const inTime = await browser.post('/profile/mobile/confirm', { code: await smsCodeTo('+41791110001') });
    expect(inTime.headers.get('Location')).toBe('/profile/mobile?verified=1');

    // A new login: changing the number asks for one of the last minutes.
    const again = await loggedInClient(server.app, email, password);
    await again.get('/profile/mobile');
    expect((await again.post('/profile/mobile', { mobile: '+41791110002' })).status).toBe(303);
    const code = await smsCodeTo('+41791110002');
    clock += minutes(11);
    const late = await again.post('/profile/mobile/confirm', { code });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('n’est plus valable');
  });
});
