import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../../tests/support/factories.ts';
import { createTestApp } from '../../../../tests/support/test-app.ts';
import { issueWalletCredentials } from '../../../../tests/support/wallet-credentials.ts';
import type { PersonActor } from '../../../platform/http/access.ts';
import { acceptMandate, proposeMandate } from '../../mandates/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: PersonActor | null = null;
let lea: PersonActor;
let paul: PersonActor;
/** Léa's credentials' serials, newest first. */
let serials: string[] = [];

const page = async (path: string) => {
  const response = await testApp.app.request(path);
  return { status: response.status, html: await response.text() };
};
/** The credentials a page shows, by serial, in its order. */
const shown = (html: string) => [...html.matchAll(/N° ([^<]+)<\/p>/g)].map((m) => m[1]);

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  lea = await createCitizen(db, { givenNames: 'Léa', familyName: 'Favre' });
  paul = await createCitizen(db, { givenNames: 'Paul', familyName: 'Roten' });
  serials = (await issueWalletCredentials(testApp, lea.account.id, 12)).reverse();
  // The oldest one offered by the issuer: its QR code and link are on the second page.
  await sql`update wallet_credentials set state = 'offered', offer_deeplink = 'swiyu://?credential_offer=x'
    where issued_id = (select id from issued_documents where serial = ${serials.at(-1)})`.execute(db);
});
afterAll(() => testApp?.close());

describe("all the account's wallet credentials", () => {
  it('my space shows the ten latest and a link to all of them, with their count', async () => {
    actor = lea;
    const { html } = await page('/my');
    expect(shown(html)).toEqual(serials.slice(0, 10));
    expect(html).toContain('<a href="/wallet-credentials">Voir toutes les attestations (12)</a>');
  });

  it('lists every one with its actions, newest first, over pages there and back', async () => {
    actor = lea;
    const first = await page('/wallet-credentials');
    expect(first.status).toBe(200);
    expect(shown(first.html)).toEqual(serials.slice(0, 10));
    const next = first.html.match(/href="(\/wallet-credentials\?after=[^"]+)" rel="next"/)?.[1] ?? '';
    const second = await page(next);
    expect(shown(second.html)).toEqual(serials.slice(10));
    expect(second.html).toContain('aria-label="Code QR de l’attestation Extrait n° 1"');
    expect(second.html).toContain('href="swiyu://?credential_offer=x"');
    expect(second.html).not.toContain('rel="next"');
    const back = second.html.match(/href="(\/wallet-credentials\?before=[^"]+)" rel="prev"/)?.[1] ?? '';
    expect(shown((await page(back)).html)).toEqual(serials.slice(0, 10));
    expect((await page('/wallet-credentials?lang=de')).html).toContain(
      '<h1>Bescheinigungen für Ihre E-ID</h1>',
    );
    expect((await page('/wallet-credentials?lang=en')).html).toContain('<h1>Attestations for your e-ID</h1>');
  });

  it("shows none of them to another person, nor to the holder's representative", async () => {
    actor = paul;
    const { html } = await page('/wallet-credentials');
    expect(shown(html)).toEqual([]);
    expect(html).toContain('Aucun document de ce compte n’existe comme attestation pour votre e-ID.');
    expect((await page('/my')).html).not.toContain('/wallet-credentials');
    const { db } = testApp.database;
    const mandate = await proposeMandate(db, lea.id, 'holder', {
      principalAccountId: lea.account.id,
      agent: { personId: paul.id },
      themes: ['debtCollection'],
      permissions: ['consult'],
      validFrom: new Date().toISOString().slice(0, 10),
    });
    await acceptMandate(db, paul.id, mandate.id);
    actor = { ...paul, account: lea.account, mandate: { id: mandate.id, themes: ['debtCollection'] } };
    const asRepresentative = await page('/wallet-credentials');
    expect(asRepresentative.status).toBe(404);
    expect(shown(asRepresentative.html)).toEqual([]);
  });
});
