import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../../tests/support/factories.ts';
import { httpClient, loggedInClient } from '../../../../tests/support/http-client.ts';
import { serveTestApp } from '../../../../tests/support/serve-test-app.ts';
import { type PresentOptions, revokeEid, SimulatedWallet } from '../../../simulators/swiyu-wallet/index.ts';
import { createPersonWithLink, findLink, getPerson } from '../persons.ts';
import { eidTimeoutMs } from './eid-routes.tsx';

let clock = Date.now();
let server: Awaited<ReturnType<typeof serveTestApp>>;
beforeAll(async () => {
  server = await serveTestApp({ now: () => new Date(clock) });
});
afterAll(() => server?.close());

const anna = {
  given_name: 'Anna',
  family_name: 'Zufferey',
  birth_date: '1990-02-03',
  personal_administrative_number: '756.5432.1098.73',
};

/** Starts an e-ID login in English and returns the client and the request's deep link from the wait page. */
async function startLogin(returnTo = '/my') {
  const client = httpClient(server.app);
  const intro = await client.get(`/login/e-id?return=${encodeURIComponent(returnTo)}&lang=en`);
  const page = await intro.text();
  for (const claim of ['Given names', 'Family name', 'Date of birth', 'AVS number'])
    expect(page).toContain(claim);
  expect(page).toContain('are not asked for');
  const started = await client.post('/login/e-id', { return: returnTo });
  expect(started.headers.get('Location')).toBe('/login/e-id/wait');
  const wait = await (await client.get('/login/e-id/wait')).text();
  const deepLink = /data-deeplink="([^"]+)"/.exec(wait)?.[1]?.replaceAll('&amp;', '&');
  if (!deepLink) throw new Error('no deep link on the wait page');
  expect(wait).toContain('Waiting for your answer in the app');
  return { client, deepLink };
}

async function walletOf(claims = anna, options: { untrusted?: boolean } = {}) {
  const wallet = await SimulatedWallet.create(server.url);
  await wallet.receiveEid(claims, options);
  return wallet;
}

describe('logging in with the e-ID', () => {
  it('asks only the login claims, registers a new person at the highest level and links the e-ID by AVS number', async () => {
    const { client, deepLink } = await startLogin('/profile');
    const wallet = await walletOf();
    expect(await wallet.askedClaims(deepLink)).toEqual([
      'given_name',
      'family_name',
      'birth_date',
      'personal_administrative_number',
    ]);
    await wallet.present(deepLink);
    const done = await client.get('/login/e-id/wait');
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe('/profile');
    // The profile shows the AVS number, at the highest level only.
    expect((await client.get('/profile')).status).toBe(200);
    const link = await findLink(server.database.db, 'swiyu-eid', '7565432109873');
    const person = link && (await getPerson(server.database.db, link.person_id));
    expect(person).toMatchObject({ given_names: 'Anna', family_name: 'Zufferey', avs: '7565432109873' });
  });

  it('logs in the person who already has the AVS number', async () => {
    const { person } = await createPersonWithLink(
      server.database.db,
      { givenNames: 'Marc', familyName: 'Bonvin', dateOfBirth: '1970-01-01', avs: '7564567890120' },
      { provider: 'local', subject: 'marc@example.ch', level: 'substantial' },
    );
    const { client, deepLink } = await startLogin();
    await (
      await walletOf({
        given_name: 'Marc',
        family_name: 'Bonvin',
        birth_date: '1970-01-01',
        personal_administrative_number: '756.4567.8901.20',
      })
    ).present(deepLink);
    expect((await client.get('/login/e-id/wait')).status).toBe(303);
    expect((await findLink(server.database.db, 'swiyu-eid', '7564567890120'))?.person_id).toBe(person.id);
  });

  it.each<[string, PresentOptions, string]>([
    ['declined', { decline: true }, 'You declined the request in the app'],
    ['tampered with', { tamper: true }, 'were altered after they were issued'],
    ['bound to another nonce', { nonce: 'old-nonce' }, 'does not belong to this request'],
  ])('says so when the presentation is %s', async (_, options, message) => {
    const { client, deepLink } = await startLogin();
    await (await walletOf()).present(deepLink, options);
    const refused = await client.get('/login/e-id/wait');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(message);
    expect((await client.get('/profile')).status).toBe(303);
  });

  it('refuses a revoked e-ID and one from an issuer it does not accept', async () => {
    const revoked = await walletOf();
    revokeEid(revoked.eidStatusIndex ?? -1);
    const first = await startLogin();
    await revoked.present(first.deepLink);
    expect(await (await first.client.get('/login/e-id/wait')).text()).toContain(
      'revoked or suspended by its issuer',
    );

    const second = await startLogin();
    await (await walletOf(anna, { untrusted: true })).present(second.deepLink);
    expect(await (await second.client.get('/login/e-id/wait')).text()).toContain(
      'does not come from an issuer',
    );
  });

  it('steps a logged-in person up to the highest level and brings them back where they were', async () => {
    await createLocalPerson(server.database.db, {
      givenNames: 'Julie',
      familyName: 'Crettaz',
      email: 'julie@example.ch',
      password: 'correct horse battery staple',
    });
    const client = await loggedInClient(server.app, 'julie@example.ch', 'correct horse battery staple');
    const stepUp = await client.get('/profile');
    expect(stepUp.headers.get('Location')).toBe('/login?return=%2Fprofile&level=high');
    expect(await (await client.get('/login?return=%2Fprofile&level=high')).text()).toContain(
      '/login/e-id?return=%2Fprofile&amp;level=high',
    );
    expect(await (await client.get('/login/e-id?return=%2Fprofile&level=high')).text()).toContain(
      'Cette étape demande le niveau de garantie le plus élevé',
    );
    await client.post('/login/e-id', { return: '/profile', stepUp: '1' });
    const wait = await (await client.get('/login/e-id/wait')).text();
    const deepLink = /data-deeplink="([^"]+)"/.exec(wait)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const julie = {
      given_name: 'Julie',
      family_name: 'Crettaz',
      birth_date: '1992-05-06',
      personal_administrative_number: '756.1111.2222.39',
    };
    await (await walletOf(julie)).present(deepLink);
    const done = await client.get('/login/e-id/wait');
    expect(done.headers.get('Location')).toBe('/profile');
    expect((await client.get('/profile')).status).toBe(200);
  });

  it('does not let a step-up link someone else’s e-ID to the logged-in person', async () => {
    await createLocalPerson(server.database.db, {
      givenNames: 'Nina',
      familyName: 'Carron',
      email: 'nina@example.ch',
      password: 'correct horse battery staple',
    });
    const client = await loggedInClient(server.app, 'nina@example.ch', 'correct horse battery staple');
    await client.get('/login/e-id?return=%2Fprofile&level=high');
    await client.post('/login/e-id', { return: '/profile', stepUp: '1' });
    const wait = await (await client.get('/login/e-id/wait')).text();
    const deepLink = /data-deeplink="([^"]+)"/.exec(wait)?.[1]?.replaceAll('&amp;', '&') ?? '';
    await (await walletOf()).present(deepLink);
    const refused = await client.get('/login/e-id/wait');
    expect(await refused.text()).toContain(
      'Cette e-ID est celle d’une autre personne que celle qui est connectée',
    );
    expect((await client.get('/profile')).headers.get('Location')).toBe(
      '/login?return=%2Fprofile&level=high',
    );
  });

  it('links to the one profile with the same names and date of birth once the person confirms it is theirs', async () => {
    const { db } = server.database;
    const { person } = await createPersonWithLink(
      db,
      { givenNames: 'Élise', familyName: 'Dayer', dateOfBirth: '1979-07-07' },
      { provider: 'local', subject: 'elise@example.ch', level: 'substantial' },
    );
    const elise = {
      given_name: 'Elise',
      family_name: 'Dayer',
      birth_date: '1979-07-07',
      personal_administrative_number: '756.5555.6666.73',
    };
    const { client, deepLink } = await startLogin();
    await (await walletOf(elise)).present(deepLink);
    const asked = await client.get('/login/e-id/wait');
    expect(await asked.text()).toContain('Élise Dayer');
    const linked = await client.post('/login/e-id/confirm', { choice: 'link' });
    expect(linked.status).toBe(303);
    expect((await findLink(db, 'swiyu-eid', '7565555666673'))?.person_id).toBe(person.id);
  });

  it('stops waiting after the time-out', async () => {
    const { client } = await startLogin();
    clock += eidTimeoutMs + 1000;
    const expired = await client.get('/login/e-id/wait');
    expect(await expired.text()).toContain('The request expired without an answer');
    clock = Date.now();
  });
});
