import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPersonDisabled } from '../../src/modules/identity/index.ts';
import { newTotpSecret } from '../../src/modules/identity/local-means.ts';
import { recentLoginMinutes } from '../../src/modules/identity/recent-login.ts';
import { createLocalPerson } from '../support/factories.ts';
import { createTestApp } from '../support/test-app.ts';
import { browserOn } from './support/browser-session.ts';
import { writeResults } from './support/results.ts';

/**
 * ASVS 7.2.4, 7.3.1–7.3.2, 7.4.1–7.4.2, 7.5.1 over real logins (e-mail, password, TOTP) and a clock the
 * test moves: a new session id at login, none of the old ones valid after logout, a disabled person's
 * sessions dead at once, idle and absolute time-outs, a recent login before changing how one logs in
 * or is reached.
 */
/**
 * The platform's clock, years away from the real one: a session, a login or a touch stamped with the
 * real time instead would be expired (or never expire) here.
 */
let clock = Date.parse('2031-06-02T08:00:00Z');
let testApp: Awaited<ReturnType<typeof createTestApp>>;
const checks: Record<string, boolean> = {};
const idleMinutes = 30;
const absoluteHours = 12;
let serial = 0;

async function person() {
  serial += 1;
  const secret = newTotpSecret();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  const email = `session-${serial}@example.ch`;
  const password = 'Grand Combin 4314 m';
  const created = await createLocalPerson(testApp.database.db, {
    givenNames: 'Sabine',
    familyName: `Session${serial}`,
    email,
    password,
    totp: { secret, step: 0 },
  });
  const browser = browserOn(testApp.app, `192.0.2.${serial}`);
  // Each login's code is for the moment on the test's clock, which the app reads too.
  const code = () => totp.generate({ timestamp: clock });
  return { ...created, email, password, browser, logIn: () => browser.logIn(email, password, code) };
}

/** Whether the browser's session is a logged-in one: "my space" answers instead of sending to log in. */
async function loggedIn(browser: ReturnType<typeof browserOn>): Promise<boolean> {
  const response = await browser.get('/my');
  return response.status === 200;
}

beforeAll(async () => {
  testApp = await createTestApp({
    now: () => new Date(clock),
    env: {
      TRUST_PROXY: 'true',
      SESSION_IDLE_MINUTES: String(idleMinutes),
      SESSION_ABSOLUTE_HOURS: String(absoluteHours),
    },
  });
});
afterAll(async () => {
  writeResults('sessions', {
    asvs: ['7.2.4', '7.3.1', '7.3.2', '7.4.1', '7.4.2', '7.5.1'],
    idleMinutes,
    absoluteHours,
    recentLoginMinutes,
    checks,
  });
  await testApp.close();
});

describe('sessions', () => {
  it('gives a new session id at login, and the id from before logs nobody in (fixation)', async () => {
    const { browser, logIn } = await person();
    await browser.get('/login');
    const before = browser.jar.get('guichet_session');
    const planted = browserOn(testApp.app, '192.0.2.200');
    planted.jar.set('guichet_session', before ?? '');
    const { second } = await logIn();
    expect(second.status).toBe(303);
    expect(browser.jar.get('guichet_session')).not.toBe(before);
    expect(await loggedIn(browser)).toBe(true);
    expect(await loggedIn(planted)).toBe(false);
    checks.fixation = true;
  });

  it('ends the session at logout, and a copy of its cookie replayed afterwards is anonymous', async () => {
    const { browser, logIn } = await person();
    await logIn();
    const stolen = browser.jar.get('guichet_session') ?? '';
    expect(await loggedIn(browser)).toBe(true);
    await browser.get('/my');
    expect((await browser.post('/logout', {})).status).toBe(303);
    expect(await loggedIn(browser)).toBe(false);
    const replay = browserOn(testApp.app, '192.0.2.201');
    replay.jar.set('guichet_session', stolen);
    expect(await loggedIn(replay)).toBe(false);
    checks.logoutAndReplay = true;
  });

  it('stops a disabled person at once, in open sessions and at login', async () => {
    const { browser, logIn, personId } = await person();
    await logIn();
    expect(await loggedIn(browser)).toBe(true);
    await setPersonDisabled(testApp.database.db, 'test', personId, true);
    expect(await loggedIn(browser)).toBe(false);
    clock += 31_000; // a fresh code: the first one is spent
    const again = await logIn();
    expect(again.second.status).toBe(401);
    expect(await loggedIn(browser)).toBe(false);
    checks.disabledAccount = true;
  });

  it('expires after the idle time-out, not before', async () => {
    const { browser, logIn } = await person();
    await logIn();
    clock += (idleMinutes - 1) * 60_000;
    expect(await loggedIn(browser)).toBe(true);
    clock += (idleMinutes + 1) * 60_000;
    expect(await loggedIn(browser)).toBe(false);
    checks.idleTimeout = true;
  });

  it('expires after the absolute time-out however active the person is', async () => {
    const { browser, logIn } = await person();
    await logIn();
    for (let hour = 0; hour < absoluteHours - 1; hour++) {
      for (let step = 0; step < 3; step++) {
        clock += 20 * 60_000;
        expect(await loggedIn(browser)).toBe(true);
      }
    }
    clock += 61 * 60_000;
    expect(await loggedIn(browser)).toBe(false);
    checks.absoluteTimeout = true;
  });

  it('asks for a recent login before changing the e-mail and second factor, the mobile number or passkeys', async () => {
    const { browser, logIn } = await person();
    await logIn();
    expect((await browser.get('/profile/local-means')).status).toBe(200);
    clock += (recentLoginMinutes + 1) * 60_000;
    const paths = ['/profile/local-means', '/profile/mobile', '/profile/passkeys/options'];
    const stale = await browser.get('/profile/local-means');
    expect(stale.status).toBe(303);
    expect(stale.headers.get('Location')).toBe('/login?return=%2Fprofile%2Flocal-means');
    await browser.get('/profile/mobile');
    for (const path of paths) {
      const response = await browser.post(path, { mobile: '079 123 45 67', email: 'new@example.ch' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('Location'), path).toMatch(/^\/login\?return=/);
    }
    checks.reauthenticationBeforeChangingMeans = true;
  });
});
