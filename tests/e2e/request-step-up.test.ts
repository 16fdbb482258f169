import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { getServiceEntry } from '../../src/modules/catalogue/index.ts';
import { debtExtractSlug } from '../../src/services/debt-extract/index.ts';
import { expectNoAxeViolations } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { personActor } from '../support/factories.ts';
import { openRequest } from '../support/requests.ts';

/*
 * Sophie Rochat asked for her debt-collection extract (a service at the "substantial" level) and comes
 * back with a weaker login: her requests list shows it, and opening it asks for a login at that level,
 * then brings her back to it (ADR 31).
 */

const e2e = useBrowserAndServer();
let context: BrowserContext;
afterEach(() => context?.close());

async function logIn(page: Page, level: string) {
  await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
  await page.getByLabel('Sophie Rochat').check();
  await page.getByLabel(level).check();
  await page.getByRole('button', { name: 'Continuer' }).click();
}

describe('a request read back with a weaker login', () => {
  for (const width of [1280, 360])
    it(`asks for the service's level, then shows it (${width} px)`, async () => {
      context = await e2e.browser.newContext({ locale: 'fr-CH', viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/login?lang=fr`);
      await logIn(page, 'faible');
      await page.waitForURL(`${e2e.server.url}/`);

      const { db } = e2e.server.database;
      const sophie = await demoPerson(db, 'Sophie Rochat');
      const service = await getServiceEntry(db, { slug: debtExtractSlug }, 'published');
      const request = await openRequest(
        db,
        personActor({
          id: sophie.personId,
          account: { id: sophie.accountId, name: 'Sophie Rochat', kind: 'personal' },
        }),
        service?.content.formId ?? '',
        { purpose: 'renting' },
      );

      await page.goto(`${e2e.server.url}/requests`);
      await page.getByRole('link', { name: request.reference }).click();
      await page.waitForURL(/\/login\?/);
      expect(new URL(page.url()).searchParams.get('level')).toBe('substantial');
      expect(await page.getByRole('main').textContent()).toContain('niveau de garantie « substantiel »');
      await expectNoAxeViolations(page);

      await logIn(page, 'substantiel');
      await page.waitForURL(`${e2e.server.url}/requests/${request.id}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(request.reference);
      await expectNoAxeViolations(page);
    });
});
