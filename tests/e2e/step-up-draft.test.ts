import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import {
  createService,
  demoCatalogue,
  publishVersion,
  type Service,
  type ServiceContent,
  saveVersion,
} from '../../src/modules/catalogue/index.ts';
import type { Form } from '../../src/modules/forms/index.ts';
import type { AssuranceLevel } from '../../src/platform/http/assurance-level.ts';
import { cleanPdf } from '../support/attack-corpus.ts';
import { accessibleAtBothWidths } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

const e2e = useBrowserAndServer();
let form: Form;
let service: Service;
const content = demoCatalogue[0]?.content as ServiceContent;

beforeAll(async () => {
  const { db } = e2e.server.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  form = await publishOneStepForm(db, sion, {
    name: 'Diplôme',
    title: 'Reconnaissance de diplôme',
    step: { id: 'papers', title: 'Pièces' },
    fields: [
      { id: 'note', type: 'text', label: { fr: 'Remarque' } },
      { id: 'diploma', type: 'file', label: { fr: 'Diplôme' }, required: true },
    ],
  });
  service = await createService(db, 'test', {
    authorityId: sion,
    slug: 'reconnaissance-diplome',
    content: { ...content, formId: form.id, level: 'low' },
  });
  await publishVersion(db, 'test', service, 1);
}, 60_000);

async function serviceAsks(level: AssuranceLevel) {
  const { db } = e2e.server.database;
  const version = await saveVersion(db, 'test', service, { ...content, formId: form.id, level });
  await publishVersion(db, 'test', service, version);
}

async function devLogin(page: Page, level: 'faible' | 'substantiel') {
  await page.getByLabel('Sophie Rochat').check();
  await page.getByLabel(level, { exact: true }).check();
  await page.getByRole('button', { name: 'Continuer', exact: true }).click();
}

describe('a step-up asked in the middle of a form', () => {
  it('brings the person back to the same step with what they typed and the file they attached', async () => {
    const context = await e2e.browser.newContext({ locale: 'fr-CH', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(
        `${e2e.server.url}/login/oidc/dev?return=${encodeURIComponent(`/forms/${form.id}/start`)}`,
      );
      await devLogin(page, 'faible');
      await page.getByRole('button', { name: /Commencer/ }).click();
      await page.getByLabel('Remarque').fill('Original certifié');
      await page.getByLabel('Diplôme').setInputFiles({
        name: 'diplome-epfl.pdf',
        mimeType: 'application/pdf',
        buffer: await cleanPdf('Diplome'),
      });
      // Meanwhile the service comes to ask for a stronger identification than this login's.
      await serviceAsks('substantial');
      await page.getByRole('button', { name: 'Continuer', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await expect.poll(() => page.getByRole('main').textContent()).toContain('substantiel');
      await accessibleAtBothWidths(page);

      await page.getByRole('link', { name: 'Se connecter avec Identité de test (développement)' }).click();
      await devLogin(page, 'substantiel');
      await page.waitForURL((url) => url.pathname.startsWith('/forms/drafts/'));
      expect(new URL(page.url()).searchParams.get('step')).toBe('papers');
      expect(await page.getByLabel('Remarque').inputValue()).toBe('Original certifié');
      expect(await page.getByRole('main').textContent()).toContain('Fichier joint : diplome-epfl.pdf');
      await accessibleAtBothWidths(page);

      // Nothing to send again: on to the review, which names the file.
      await page.getByRole('button', { name: 'Continuer', exact: true }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/review'));
      expect(await page.getByRole('main').textContent()).toContain('diplome-epfl.pdf');
    } finally {
      await context.close();
    }
  });
});
