import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from '../../../tests/support/http-client.ts';
import { linkIn, startSmtpSink } from '../../../tests/support/smtp-sink.ts';
import { createTestApp, startTestWorker } from '../../../tests/support/test-app.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: Runner;

beforeAll(async () => {
  smtp = await startSmtpSink();
  testApp = await createTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: 'https://guichet.example' },
  });
  worker = await startTestWorker(testApp);
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.stop();
  await testApp?.close();
});

const waitFor = async <T>(probe: () => T | undefined, ms = 20_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('registration without an electronic identity', () => {
  let totp: OTPAuth.TOTP;

  it('registers with e-mail, password and TOTP, and confirms the address through a mailed link', async () => {
    const browser = httpClient(testApp.app);
    const form = await (await browser.get('/register?lang=de')).text();
    const secret = form.match(/data-testid="totp-secret">([A-Z2-7]+)</)?.[1] ?? '';
    totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    // The same key as a QR code to scan, named for screen readers, and as a link for this phone's app.
    expect(form).toMatch(/<div class="totp-qr" role="img" aria-label="QR-Code[^"]*"><svg /);
    expect(form).toContain(`href="otpauth://totp/Guichet:Guichet?issuer=Guichet&amp;secret=${secret}`);
    const incomplete = await browser.post('/register', {
      givenNames: '',
      familyName: 'Rey',
      email: 'lea@example.ch',
      password: 'Lac de Géronde 1950',
      code: totp.generate(),
    });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.text()).toContain('href="#givenNames"');
    const done = await browser.post('/register', {
      givenNames: 'Léa',
      familyName: 'Rey',
      email: 'lea@example.ch',
      password: 'Lac de Géronde 1950',
      code: totp.generate(),
    });
    expect(done.status).toBe(200);
    expect(await (await browser.get('/')).text()).toContain('Léa Rey');

    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('lea@example.ch')));
    expect(mail.raw).toContain('Guten Tag'); // in the language she registered in
    const link = linkIn(mail.raw);
    expect(link).toMatch(/^https:\/\/guichet\.example\/verify-email\?token=/);
    const path = link.replace('https://guichet.example', '');
    expect((await testApp.app.request(path)).status).toBe(200);
    expect((await testApp.app.request(path)).status).toBe(404); // single use
    const { rows } = await sql<{
      verified: Date | null;
    }>`select email_verified_at as verified from persons where email = 'lea@example.ch'`.execute(
      testApp.database.db,
    );
    expect(rows[0]?.verified).toBeInstanceOf(Date);
  });

  it('recovers a password only with the second factor, and a mail server that was down still delivers once', async () => {
    const port = smtp.port;
    await smtp.stop();
    const browser = httpClient(testApp.app);
    await browser.get('/login/recover');
    const asked = await browser.post('/login/recover', { email: 'LEA@example.ch' });
    expect(await asked.text()).toContain('Si un accès existe');
    const unknown = await browser.post('/login/recover', { email: 'nobody@example.ch' });
    expect(await unknown.text()).toContain('Si un accès existe');
    await new Promise((r) => setTimeout(r, 1500)); // the first attempt fails while the server is down
    const { rows: failed } = await sql<{
      n: number;
    }>`select count(*)::int as n from job_runs where task = 'identity:send-recovery' and outcome = 'failed'`.execute(
      testApp.database.db,
    );
    expect(failed[0]?.n).toBeGreaterThanOrEqual(1);

    smtp = await startSmtpSink(port);
    const mail = await waitFor(() => smtp.received.find((m) => m.raw.includes('/login/recover/')));
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.received.filter((m) => m.raw.includes('/login/recover/'))).toHaveLength(1);

    const path = linkIn(mail.raw).replace('https://guichet.example', '');
    await browser.get(path);
    const wrongCode = await browser.post(path, { password: 'Nouveau départ à Sion', code: '000000' });
    expect(wrongCode.status).toBe(422);
    // The code used at registration is spent; the next time step's code is accepted.
    const changed = await browser.post(path, {
      password: 'Nouveau départ à Sion',
      code: totp.generate({ timestamp: Date.now() + 30_000 }),
    });
    expect(await changed.text()).toContain('Vous pouvez vous connecter');
    expect(
      (await browser.post(path, { password: 'Encore une autre fois', code: totp.generate() })).status,
    ).toBe(404);

    const login = httpClient(testApp.app);
    await login.get('/login');
    const response = await login.post('/login/local', {
      email: 'lea@example.ch',
      password: 'Nouveau départ à Sion',
    });
    expect(response.headers.get('Location')).toBe('/login/local/totp');
  });
});
