import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { cookiesFrom, createTestApp } from '../../../tests/support/test-app.ts';
import { masterKeysFor, openText } from '../../platform/crypto/master-keys.ts';
import { ensurePersonalAccount } from '../accounts/accounts.ts';
import { createLocalMeans, newTotpSecret } from './local-means.ts';
import { createPersonWithLink, listLinks, unlinkIdentity } from './persons.ts';
import { safeReturn } from './safe-return.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
const secret = newTotpSecret();
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
let personId = '';

beforeAll(async () => {
  testApp = await createTestApp();
  const { person } = await createPersonWithLink(
    testApp.database.db,
    { givenNames: 'Claire', familyName: 'Fellay' },
    { provider: 'dev', subject: 'dev-claire-fellay', level: 'high' },
  );
  personId = person.id;
  await ensurePersonalAccount(testApp.database.db, person.id, 'Claire Fellay');
  await createLocalMeans(
    testApp.database.db,
    await masterKeysFor(testApp.config, testApp.database.db),
    person.id,
    {
      email: 'claire@example.ch',
      password: 'Glacier du Trient 1920',
      totp: { secret, step: 0 },
    },
  );
});
afterAll(() => testApp.close());

const client = () => httpClient(testApp.app);

describe('login with e-mail and password', () => {
  it('keeps the second factor’s seed sealed with the master key, bound to its person', async () => {
    const { db } = testApp.database;
    const { rows } = await sql<{ totp_secret: string }>`
      select totp_secret from local_credentials where person_id = ${personId}`.execute(db);
    const stored = rows[0]?.totp_secret ?? '';
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^demo\./);
    const keys = await masterKeysFor(testApp.config, db);
    expect(openText(keys, stored, `totp:${personId}`)).toBe(secret);
    expect(() => openText(keys, stored, 'totp:someone-else')).toThrow();
    // A seed stored before sealing began still works.
    await sql`update local_credentials set totp_secret = ${secret}, totp_last_step = null where person_id = ${personId}`.execute(
      db,
    );
    const browser = client();
    await browser.get('/login');
    await browser.post('/login/local', { email: 'claire@example.ch', password: 'Glacier du Trient 1920' });
    await browser.get('/login/local/totp');
    expect((await browser.post('/login/local/totp', { code: totp.generate() })).status).toBe(303);
    await sql`update local_credentials set totp_secret = ${stored}, totp_last_step = null where person_id = ${personId}`.execute(
      db,
    );
  });

  it('asks for the second factor, then logs in with a new session id at "substantial"', async () => {
    const browser = client();
    await browser.get('/login');
    const anonymous = browser.cookie();
    expect(anonymous).toMatch(/^guichet_session=/);
    const afterPassword = await browser.post('/login/local', {
      email: 'Claire@Example.ch',
      password: 'Glacier du Trient 1920',
    });
    expect(afterPassword.headers.get('Location')).toBe('/login/local/totp');
    await browser.get('/login/local/totp');
    const loggedIn = await browser.post('/login/local/totp', { code: totp.generate() });
    expect(loggedIn.status).toBe(303);
    expect(cookiesFrom(loggedIn)).toMatch(/(^|; )guichet_session=/);
    expect(browser.cookie()).not.toBe(anonymous);
    const home = await (await browser.get('/')).text();
    expect(home).toContain('Claire Fellay');
    // The code just used cannot be used again, and the person is told to wait for the next one.
    await browser.get('/login');
    await browser.post('/login/local', { email: 'claire@example.ch', password: 'Glacier du Trient 1920' });
    await browser.get('/login/local/totp');
    const replay = await browser.post('/login/local/totp', { code: totp.generate() });
    expect(replay.status).toBe(422);
    expect(await replay.text()).toContain('Ce code vient d’être utilisé');
    const wrong = await browser.post('/login/local/totp', { code: '000000' });
    expect(await wrong.text()).toContain('Ce code n’est pas valable');
  });

  it('says the same for an unknown e-mail and a wrong password', async () => {
    const browser = client();
    await browser.get('/login');
    const unknown = await (
      await browser.post('/login/local', { email: 'nobody@example.ch', password: 'whatever it is 123' })
    ).text();
    const wrong = await (
      await browser.post('/login/local', { email: 'claire@example.ch', password: 'not the password' })
    ).text();
    for (const html of [unknown, wrong])
      expect(html).toContain('L’adresse e-mail ou le mot de passe ne correspond pas.');
  });

  it('throttles wrong second-factor codes', async () => {
    await sql`delete from rate_limit_hits`.execute(testApp.database.db);
    const browser = client();
    await browser.get('/login');
    await browser.post('/login/local', { email: 'claire@example.ch', password: 'Glacier du Trient 1920' });
    await browser.get('/login/local/totp');
    const statuses = [];
    for (let attempt = 0; attempt < 6; attempt++)
      statuses.push((await browser.post('/login/local/totp', { code: '000000' })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    expect(
      (await browser.post('/login/local/totp', { code: totp.generate({ timestamp: Date.now() + 30_000 }) }))
        .status,
    ).toBe(429);
  });
});

describe('identity means', () => {
  it('never removes the last one', async () => {
    const links = await listLinks(testApp.database.db, personId);
    expect(links.map((l) => l.provider).sort()).toEqual(['dev', 'local']);
    await unlinkIdentity(testApp.database.db, personId, links[0]?.id ?? '');
    await expect(unlinkIdentity(testApp.database.db, personId, links[1]?.id ?? '')).rejects.toMatchObject({
      code: 'last_identity',
    });
    expect(await listLinks(testApp.database.db, personId)).toHaveLength(1);
  });

  it('sends people back only to paths of this site', () => {
    expect(safeReturn('/profile?tab=1')).toBe('/profile?tab=1');
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      undefined,
    ]) {
      expect(safeReturn(bad)).toBe('/');
    }
  });
});

describe('my sessions', () => {
  it('lists the person’s devices and logs out everywhere else', async () => {
    await createLocalPerson(testApp.database.db, {
      givenNames: 'Marc',
      familyName: 'Darbellay',
      email: 'marc@example.ch',
      password: 'Col de la Forclaz 1527',
    });
    await sql`delete from rate_limit_hits`.execute(testApp.database.db);
    const [laptop, phone] = [client(), client()];
    for (const device of [laptop, phone]) {
      await device.get('/login');
      expect(
        (await device.post('/login/local', { email: 'marc@example.ch', password: 'Col de la Forclaz 1527' }))
          .status,
      ).toBe(303);
    }
    const list = await (await laptop.get('/profile/sessions')).text();
    expect(list.match(/<tr>/g)).toHaveLength(3); // header row and two sessions
    expect(list).toContain('Cet appareil');

    const ended = await laptop.post('/profile/sessions/end-others', {});
    expect(ended.headers.get('Location')).toBe('/profile/sessions?ended=1');
    expect(await (await phone.get('/')).text()).not.toContain('Marc Darbellay');
    expect(await (await laptop.get('/')).text()).toContain('Marc Darbellay');
  });
});
