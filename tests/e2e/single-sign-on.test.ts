import { sql } from 'kysely';
import * as client from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePersonalAccount } from '../../src/modules/accounts/index.ts';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createPersonWithLink } from '../../src/modules/identity/index.ts';
import { registerClient } from '../../src/modules/identity/openid-provider/clients.ts';
import { acceptMandate, proposeMandate } from '../../src/modules/mandates/index.ts';
import { masterKeysFor } from '../../src/platform/crypto/master-keys.ts';
import { expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { serveTestApp } from '../support/serve-test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;
let context: BrowserContext;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveTestApp()]);
  context = await browser.newContext({ locale: 'fr-CH' });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** A communal application that logs people in through Guichet; its callback is caught in the browser. */
async function relyingParty(name: string, scopes: string[]) {
  const sion = await getAuthorityBySlug(server.database.db, 'sion');
  const redirectUri = `https://${name}.sion.example/callback`;
  const registered = await registerClient(
    server.database.db,
    await masterKeysFor(server.config, server.database.db),
    'test',
    {
      authorityId: sion?.id ?? '',
      name,
      redirectUris: [redirectUri],
      scopes,
    },
  );
  const configuration = await client.discovery(
    new URL(server.url),
    registered.clientId,
    registered.clientSecret,
    undefined,
    {
      execute: [client.allowInsecureRequests],
    },
  );
  return { configuration, redirectUri, secret: registered.clientSecret };
}

/** Drives the browser from the authorisation request to the redirect back, and returns that address. */
async function authorise(
  page: Page,
  rp: Awaited<ReturnType<typeof relyingParty>>,
  scope: string,
  steps: (page: Page) => Promise<void>,
) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(rp.configuration, {
    redirect_uri: rp.redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  // The service's callback is not reachable from here: catch the browser's request to it.
  const callback = page.waitForRequest((request) => request.url().startsWith(rp.redirectUri), {
    timeout: 30_000,
  });
  await page.route(`${rp.redirectUri}**`, (route) => route.fulfill({ status: 200, body: 'ok' }));
  // With single sign-on the provider answers at once with a redirect to the service.
  await page.goto(url.href).catch(() => undefined);
  await steps(page);
  const callbackUrl = (await callback).url();
  const tokens = await client.authorizationCodeGrant(rp.configuration, new URL(callbackUrl), {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  const claims = tokens.claims();
  const userinfo = await client.fetchUserInfo(rp.configuration, tokens.access_token, claims?.sub ?? '');
  return { claims, userinfo };
}

describe('Guichet as OpenID provider', () => {
  it('gives an integrated service single sign-on with the expected claims, asking before releasing the AVS number', async () => {
    const erp = await relyingParty('communal-erp', ['profile', 'acting', 'avs']);
    const page = await context.newPage();
    const first = await authorise(page, erp, 'openid profile acting avs', async () => {
      await page.waitForURL(/\/login\?/);
      await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
      await page.getByLabel('Sophie Rochat').check();
      await page.getByLabel('élevé').check();
      await page.getByRole('button', { name: 'Continuer' }).click();
      // Guichet answers the provider's login step by itself, then asks about the AVS number.
      await page.getByRole('heading', { level: 1, name: 'communal-erp demande vos données' }).waitFor();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Autoriser' }).click();
    });
    expect(first.claims?.acr).toBe('high');
    expect(first.userinfo).toMatchObject({
      given_name: 'Sophie',
      family_name: 'Rochat',
      avs: '7561234567897',
      acting_for: { kind: 'personal', name: 'Sophie Rochat' },
    });
    expect(first.claims?.sub).not.toContain('~'); // pairwise: not the person's internal id

    // A second application: no login (single sign-on), no AVS asked so no consent, another subject.
    const booking = await relyingParty('room-booking', ['profile']);
    const second = await authorise(page, booking, 'openid profile', async () => undefined);
    expect(second.userinfo.given_name).toBe('Sophie');
    expect(second.userinfo.avs).toBeUndefined();
    expect(second.claims?.sub).not.toBe(first.claims?.sub);
  });

  it('keeps the services’ secrets and its own signing key sealed at rest', async () => {
    const rp = await relyingParty('archives', ['profile']);
    await client.buildAuthorizationUrl(rp.configuration, { redirect_uri: rp.redirectUri, scope: 'openid' });
    const { rows } = await sql<{ stored: string }>`
      select metadata::text as stored from oidc_clients
      union all select jwk::text from oidc_signing_keys where provider = 'guichet'`.execute(
      server.database.db,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const { stored } of rows) {
      expect(stored).not.toContain(rp.secret);
      expect(stored).not.toMatch(/"d":/); // no private exponent in clear
    }
  });

  it('tells a service for whom the person acts when they sign in to it under a mandate', async () => {
    const db = server.database.db;
    const { person: principal } = await createPersonWithLink(
      db,
      { givenNames: 'Jean', familyName: 'Principal' },
      { provider: 'test', subject: 'jean', level: 'high' },
    );
    const principalAccount = await ensurePersonalAccount(db, principal.id, 'Jean Principal');
    const { person: agent } = await createPersonWithLink(
      db,
      { givenNames: 'Thomas', familyName: 'Imboden' },
      { provider: 'dev', subject: 'dev-thomas-imboden', level: 'high' },
    );
    await ensurePersonalAccount(db, agent.id, 'Thomas Imboden');
    const mandate = await proposeMandate(db, principal.id, 'holder', {
      principalAccountId: principalAccount,
      agent: { personId: agent.id },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: '2020-01-01',
    });
    await acceptMandate(db, agent.id, mandate.id);

    const fresh = await browser.newContext({ locale: 'fr-CH' });
    try {
      const page = await fresh.newPage();
      await page.goto(`${server.url}/login?lang=fr`);
      await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
      await page.getByLabel('Thomas Imboden').check();
      await page.getByLabel('élevé').check();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/accounts`);
      await page.getByRole('button', { name: 'Agir pour Jean Principal' }).click();
      const taxSystem = await relyingParty('tax-portal', ['profile', 'acting']);
      const { userinfo } = await authorise(page, taxSystem, 'openid profile acting', async () => undefined);
      expect(userinfo.given_name).toBe('Thomas');
      expect(userinfo.acting_for).toEqual({
        account_id: principalAccount,
        kind: 'personal',
        name: 'Jean Principal',
        mandate: { id: mandate.id, themes: ['tax'], permissions: ['consult'] },
      });
    } finally {
      await fresh.close();
    }
  });
});
