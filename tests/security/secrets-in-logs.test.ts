import * as OTPAuth from 'otpauth';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEmailToken } from '../../src/modules/identity/email-tokens.ts';
import { createPersonWithLink } from '../../src/modules/identity/index.ts';
import { findCredential, newTotpSecret } from '../../src/modules/identity/local-means.ts';
import { createLocalPerson } from '../support/factories.ts';
import { browserOn } from './support/browser-session.ts';
import { type Cast, createCast } from './support/cast.ts';
import { writeResults } from './support/results.ts';

/**
 * ASVS 16.2.5 (and 14.x): a whole journey — a citizen logging in with password and second factor, a
 * recovery link, a business application looking a person up by AVS number with its key, a form sent
 * with an AVS number in it, a visitor's forms — logged at the most talkative level, and no password,
 * code, key, token, session id or AVS number in any line.
 */
const lines: string[] = [];
let cast: Cast;
const avs = '756.9217.0769.85';
const password = 'Pigne d’Arolla 3790 m';
const secret = newTotpSecret();
const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });

beforeAll(async () => {
  const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(line) });
  cast = await createCast({ logger });
}, 120_000);
afterAll(() => cast.close());

describe('secrets in logs', () => {
  it('keeps every secret of a whole journey out of the log', async () => {
    const { app } = cast.testApp;
    const db = cast.db;
    const secrets: Record<string, string> = { password, avs, avsDigits: avs.replace(/\./g, '') };
    await createPersonWithLink(
      db,
      { givenNames: 'Lina', familyName: 'Avs', avs: secrets.avsDigits, dateOfBirth: '1985-02-03' },
      { provider: 'test', subject: 'log-journey', level: 'high' },
    );
    await createLocalPerson(db, {
      givenNames: 'Léon',
      familyName: 'Logs',
      email: 'leon.logs@example.ch',
      password,
      totp: { secret, step: 0 },
    });

    // A citizen logs in with password and code, reads their space, logs out.
    const browser = browserOn(app, '192.0.2.77');
    const code = totp.generate();
    secrets.totpCode = code;
    const { second } = await browser.logIn('leon.logs@example.ch', password, () => code);
    expect(second.status).toBe(303);
    secrets.session = browser.jar.get('guichet_session') ?? '';
    secrets.csrf = browser.token;
    await browser.get('/my');
    await browser.get('/documents');
    await browser.post('/logout', {});
    // A wrong password too: failures are logged, never with what was typed.
    await browser.get('/login');
    await browser.post('/login/local', { email: 'leon.logs@example.ch', password: `${password}!` });
    secrets.wrongPassword = `${password}!`;

    // A recovery link, opened and used.
    const credential = await findCredential(db, { email: 'leon.logs@example.ch' });
    const token = await issueEmailToken(db, credential?.id ?? '', 'recover', 30, new Date());
    secrets.recoveryToken = token;
    const recovering = browserOn(app, '192.0.2.78');
    await recovering.get(`/login/recover/${token}`);
    secrets.newPassword = 'Weisshorn 4506 m Nord';
    await recovering.post(`/login/recover/${token}`, {
      password: secrets.newPassword,
      code: totp.generate({ timestamp: Date.now() + 30_000 }),
    });

    // A business application with its key looks the person up by AVS number, in a query string.
    const key = cast.headersOf('keyX').Authorization ?? '';
    secrets.apiKey = key.replace('Bearer ', '');
    for (const path of [
      `/api/v1/persons?avs=${avs}`,
      `/api/v1/persons?avs=${secrets.avsDigits}`,
      '/api/v1/requests',
    ])
      await (await app.request(path, { headers: { Authorization: key } })).arrayBuffer();
    await (
      await app.request('/api/v1/requests', { headers: { Authorization: `Bearer ${secrets.apiKey}x` } })
    ).arrayBuffer();

    // A citizen sends a form whose answer is an AVS number.
    const formId = cast.objects.X.form ?? '';
    const citizen = { ...cast.headersOf('citizenA') };
    const page = await app.request('/login/recover');
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    await app.request(`/forms/${formId}/start`, {
      method: 'POST',
      headers: { ...citizen, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, purpose: avs }).toString(),
    });

    const leaks = Object.entries(secrets)
      .filter(([, value]) => value.length >= 6)
      .flatMap(([name, value]) =>
        lines.filter((line) => line.includes(value)).map((line) => `${name}: ${line.slice(0, 300)}`),
      );
    writeResults('secrets-in-logs', {
      asvs: ['16.2.5'],
      logLines: lines.length,
      secretsWatched: Object.keys(secrets),
      leaks,
    });
    expect(lines.length).toBeGreaterThan(10);
    expect(leaks).toEqual([]);
  }, 120_000);
});
