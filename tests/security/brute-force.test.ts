import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../src/modules/identity/local-means.ts';
import { loginSlowdown } from '../../src/modules/identity/throttles.ts';
import { createLocalPerson } from '../support/factories.ts';
import { createTestApp } from '../support/test-app.ts';
import { browserOn } from './support/browser-session.ts';
import { writeResults } from './support/results.ts';

/**
 * ASVS 6.1.1, 6.3.1, 2.4.1 over HTTP: password guessing is limited per address and slowed per account,
 * second-factor codes are limited per credential, recovery mails per address and per account, and in
 * every case the owner still gets in.
 */
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let clock = Date.now();
const pauses: number[] = [];
const realPause = loginSlowdown.pause;
const figures: Record<string, unknown> = {};
const password = 'Dent Blanche 4357 m';
let serial = 0;

async function owner() {
  serial += 1;
  const secret = newTotpSecret();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  const email = `brute-${serial}@example.ch`;
  await createLocalPerson(testApp.database.db, {
    givenNames: 'Olivier',
    familyName: `Owner${serial}`,
    email,
    password,
    totp: { secret, step: 0 },
  });
  return { email, code: () => totp.generate({ timestamp: clock }) };
}

beforeAll(async () => {
  testApp = await createTestApp({ env: { TRUST_PROXY: 'true' }, now: () => new Date(clock) });
  loginSlowdown.pause = async (ms) => {
    pauses.push(ms);
  };
});
afterAll(async () => {
  loginSlowdown.pause = realPause;
  writeResults('brute-force', { asvs: ['6.1.1', '6.3.1', '2.4.1'], ...figures });
  await testApp.close();
});

describe('brute force', () => {
  it('limits password guesses per address, and the owner elsewhere is not affected', async () => {
    const { email, code } = await owner();
    const attacker = browserOn(testApp.app, '203.0.113.50');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 32; attempt++) {
      await attacker.get('/login');
      statuses.push(
        (await attacker.post('/login/local', { email: `guess${attempt}@example.ch`, password })).status,
      );
    }
    const firstRefusal = statuses.indexOf(429) + 1;
    expect(firstRefusal).toBe(31);
    const { second } = await browserOn(testApp.app, '198.51.100.50').logIn(email, password, code);
    expect(second.status).toBe(303);
    figures.perAddress = {
      attempts: statuses.length,
      refusedFrom: firstRefusal,
      ownerElsewhere: second.status,
    };
  });

  it('slows password guesses on one account from many addresses, never locks its owner out', async () => {
    const { email, code } = await owner();
    pauses.length = 0;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const attacker = browserOn(testApp.app, `203.0.113.${100 + attempt}`);
      await attacker.get('/login');
      statuses.push((await attacker.post('/login/local', { email, password: `guess ${attempt}` })).status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    expect(pauses).toEqual([500, 1000, 2000, 4000, 8000]);
    pauses.length = 0;
    const { first, second } = await browserOn(testApp.app, '198.51.100.60').logIn(email, password, code);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    figures.perAccount = {
      attempts: statuses.length,
      delaysMs: [500, 1000, 2000, 4000, 8000],
      ownerLetIn: true,
    };
  });

  it('limits second-factor codes per credential, and the owner’s known browser still gets in', async () => {
    const { email, code } = await owner();
    const own = browserOn(testApp.app, '198.51.100.70');
    expect((await own.logIn(email, password, code)).second.status).toBe(303);
    await own.post('/logout', {});
    clock += 31_000;
    const attacker = browserOn(testApp.app, '203.0.113.70');
    await attacker.get('/login');
    expect((await attacker.post('/login/local', { email, password })).status).toBe(303);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      await attacker.get('/login/local/totp');
      statuses.push((await attacker.post('/login/local/totp', { code: String(100000 + attempt) })).status);
    }
    // Past the limit even the right code is refused to this browser.
    await attacker.get('/login/local/totp');
    const rightCode = await attacker.post('/login/local/totp', { code: code() });
    expect(rightCode.status).not.toBe(303);
    const { second } = await own.logIn(email, password, code);
    expect(second.status).toBe(303);
    figures.secondFactor = {
      wrongCodes: statuses,
      rightCodeAfterLimit: rightCode.status,
      ownerKnownBrowser: second.status,
    };
  });

  it('limits recovery mails per address and per account', async () => {
    const { email } = await owner();
    const one = browserOn(testApp.app, '203.0.113.80');
    const perAddress: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      await one.get('/login/recover');
      perAddress.push((await one.post('/login/recover', { email: `someone${attempt}@example.ch` })).status);
    }
    expect(perAddress).toEqual([200, 200, 200, 200, 200, 429]);
    for (let attempt = 0; attempt < 7; attempt++) {
      const browser = browserOn(testApp.app, `203.0.113.${150 + attempt}`);
      await browser.get('/login/recover');
      const response = await browser.post('/login/recover', { email });
      expect(response.status).toBe(200);
    }
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from graphile_worker.jobs where task_identifier = 'identity:send-recovery'`.execute(
      testApp.database.db,
    );
    expect(Number(rows[0]?.n)).toBe(5);
    figures.recovery = { perAddress, mailsForSevenAsks: Number(rows[0]?.n) };
  });
});
