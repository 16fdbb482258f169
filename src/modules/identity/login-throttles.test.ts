import * as OTPAuth from 'otpauth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import { newTotpSecret } from './local-means.ts';
import { loginSlowdown, slowdownMs } from './throttles.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
const secret = newTotpSecret();
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
const email = 'marc.darbellay@example.ch';
const password = 'Pierre Avoi 2472 m';
const realPause = loginSlowdown.pause;
/** The delays the login imposed, recorded instead of waited. */
let pauses: number[] = [];
/** The owner's own browser: it logs in in the first test, and is a known device in the second. */
let owner: ReturnType<typeof browser>;

beforeAll(async () => {
  testApp = await createTestApp({ env: { TRUST_PROXY: 'true' } }); // addresses from X-Forwarded-For
  await createLocalPerson(testApp.database.db, {
    givenNames: 'Marc',
    familyName: 'Darbellay',
    email,
    password,
    totp: { secret, step: 0 },
  });
  loginSlowdown.pause = async (ms) => {
    pauses.push(ms);
  };
});
afterEach(() => {
  pauses = [];
});
afterAll(async () => {
  loginSlowdown.pause = realPause;
  await testApp.close();
});

/** A browser: keeps every cookie by name (the session and the device cookie) and the last CSRF token. */
function browser(address: string) {
  const jar = new Map<string, string>();
  let token = '';
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    headers.set('X-Forwarded-For', address);
    const response = await testApp.app.request(path, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  return {
    jar,
    async get(path: string) {
      const response = await request(path);
      const html = await response.clone().text();
      if (html.includes('name="_csrf"')) token = csrfTokenIn(html);
      return response;
    },
    post(path: string, fields: Record<string, string>) {
      return request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, ...fields }),
      });
    },
    async password(value: string) {
      await this.get('/login');
      return this.post('/login/local', { email, password: value });
    },
    async secondFactor(code: string) {
      await this.get('/login/local/totp');
      return this.post('/login/local/totp', { code });
    },
  };
}

describe('password login under attack (ASVS 6.3.1: no lock-out handed to strangers)', () => {
  it('slows down with each wrong password, never refuses the right one', async () => {
    const attacker = browser('203.0.113.9');
    const statuses = [];
    for (let attempt = 1; attempt <= 10; attempt++)
      statuses.push((await attacker.password(`guess number ${attempt}`)).status);
    expect(statuses).toEqual(Array(10).fill(401));
    expect(pauses).toEqual([500, 1000, 2000, 4000, 8000]); // the first five failures are free

    pauses = [];
    owner = browser('198.51.100.4'); // a browser the owner never used
    const afterPassword = await owner.password(password);
    expect(afterPassword.status).toBe(303);
    expect(afterPassword.headers.get('Location')).toBe('/login/local/totp');
    expect(pauses).toEqual([10_000]); // slowed down, at the ceiling, but let in
    expect((await owner.secondFactor(totp.generate())).status).toBe(303);
    expect(owner.jar.has('guichet_device')).toBe(true);
  });

  it('lets the owner in without delay from a browser they used, even when the attacker has the password', async () => {
    const attacker = browser('203.0.113.10');
    for (let attempt = 1; attempt <= 8; attempt++) await attacker.password(`another guess ${attempt}`);
    // The attacker knows the password and burns the second factor's attempts.
    expect((await attacker.password(password)).status).toBe(303);
    const codes = [];
    for (let attempt = 0; attempt < 6; attempt++) codes.push((await attacker.secondFactor('000000')).status);
    expect(codes.at(-1)).toBe(429);

    pauses = [];
    const again = await owner.password(password);
    expect(again.headers.get('Location')).toBe('/login/local/totp');
    expect(pauses).toEqual([]);
    // A later time step than the code of the first test, which is burnt.
    expect((await owner.secondFactor(totp.generate({ timestamp: Date.now() + 30_000 }))).status).toBe(303);
  });

  it('doubles the delay from the sixth failure up to a ceiling', () => {
    expect([0, 4, 5, 6, 7, 9, 10, 40].map(slowdownMs)).toEqual([0, 0, 500, 1000, 2000, 8000, 10_000, 10_000]);
  });
});
