import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { loggedInClient } from '../../../tests/support/http-client.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { startTestWorker } from '../../../tests/support/test-app.ts';
import { deriveSecrets } from '../../platform/crypto/secrets.ts';
import { normaliseMobile, verificationCode } from './mobile-verification.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;

beforeAll(async () => {
  server = await serveTestApp();
  worker = await startTestWorker(server);
  await createLocalPerson(server.database.db, {
    givenNames: 'Paul',
    familyName: 'Bonvin',
    email: 'paul@example.ch',
    password: 'Bisse de Clavau 1500',
  });
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

describe('mobile numbers', () => {
  it('accepts Swiss and international forms, and nothing else', () => {
    expect(normaliseMobile('079 123 45 67')).toBe('+41791234567');
    expect(normaliseMobile('0041 79 123 45 67')).toBe('+41791234567');
    expect(normaliseMobile('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normaliseMobile('12')).toBeUndefined();
    expect(normaliseMobile('079 abc')).toBeUndefined();
  });

  it('derives the same code for the same verification only', () => {
    const key = deriveSecrets('root secret of the test').current('mobile-codes');
    expect(verificationCode(key, 'a')).toMatch(/^\d{6}$/);
    expect(verificationCode(key, 'a')).toBe(verificationCode(key, 'a'));
    expect(verificationCode(key, 'a')).not.toBe(verificationCode(key, 'b'));
  });

  it('sends a code through the SMS gateway, confirms the number with it, and offers SMS notifications', async () => {
    const browser = await loggedInClient(server.app, 'paul@example.ch', 'Bisse de Clavau 1500');
    expect(await (await browser.get('/preferences')).text()).toContain('href="/profile/mobile"');

    await browser.get('/profile/mobile');
    expect((await browser.post('/profile/mobile', { mobile: 'not a number' })).status).toBe(422);
    expect((await browser.post('/profile/mobile', { mobile: '079 123 45 67' })).status).toBe(303);

    let sms: { to: string; text: string }[] = [];
    for (let i = 0; i < 100 && sms.length === 0; i++) {
      sms = await (await fetch(`${server.url}/simulators/sms-gateway/messages?to=%2B41791234567`)).json();
      if (sms.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(sms).toHaveLength(1);
    const code = sms[0]?.text.match(/\d{6}/)?.[0] ?? '';
    expect(sms[0]?.text).not.toContain('Paul'); // the text says nothing but the code

    await browser.get('/profile/mobile');
    const wrong = await browser.post('/profile/mobile/confirm', {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(await wrong.text()).toContain('Ce code ne correspond pas');
    expect((await browser.post('/profile/mobile/confirm', { code })).headers.get('Location')).toBe(
      '/profile/mobile?verified=1',
    );
    const { rows } = await sql<{ mobile: string; verified: Date | null }>`
      select mobile, mobile_verified_at as verified from persons where given_names = 'Paul'`.execute(
      server.database.db,
    );
    expect(rows[0]).toMatchObject({ mobile: '+41791234567', verified: expect.any(Date) });
    const { rows: trail } = await sql<{ action: string }>`
      select action from audit_events where action like 'person.mobile.%'
      and subject_id = (select id::text from persons where given_names = 'Paul')`.execute(server.database.db);
    expect(trail).toEqual([{ action: 'person.mobile.verified' }]); // the wrong code left no trace

    const preferences = await (await browser.get('/preferences')).text();
    expect(preferences).not.toContain('href="/profile/mobile"');
    expect(preferences).toMatch(/value="sms"(?![^>]*disabled)/);
  });

  it('gives a code five tries at most', async () => {
    const browser = await loggedInClient(server.app, 'paul@example.ch', 'Bisse de Clavau 1500');
    await browser.get('/profile/mobile');
    await browser.post('/profile/mobile', { mobile: '078 765 43 21' });
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(await (await browser.post('/profile/mobile/confirm', { code: 'xxxxxx' })).text());
    expect(answers.slice(0, 5).every((html) => html.includes('ne correspond pas'))).toBe(true);
    expect(answers[5]).toContain('n’est plus valable');
  });
});
