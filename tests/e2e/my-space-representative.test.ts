import { describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { setFormTheme, startDraft } from '../../src/modules/forms/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPharmacy, planta } from '../support/narcotics.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

const e2e = useBrowserAndServer();

describe("a representative's my space", () => {
  it('lists and counts only the drafts their mandate lets them go on with, as the drafts page', {
    timeout: 180_000,
  }, async () => {
    const { db } = e2e.server.database;
    // Julie fills in the pharmacy's narcotics forms under its mandate; a tax form begun for it is beyond.
    const pharmacy = await demoPharmacy(db);
    const ssp = (await getAuthorityBySlug(db, 'ssp'))?.id ?? '';
    const within = await publishOneStepForm(db, ssp, { name: 'Commande de méthadone', fields: [] });
    const beyond = await publishOneStepForm(db, ssp, { name: 'Déclaration fiscale', fields: [] });
    await setFormTheme(db, within.id, 'narcotics');
    await setFormTheme(db, beyond.id, 'tax');
    for (const form of [within, beyond, beyond])
      await startDraft(db, {
        formId: form.id,
        version: 1,
        accountId: pharmacy.accountId,
        personId: pharmacy.pharmacist,
        mandateId: null,
        answers: {},
      });

    for (const width of [1280, 360]) {
      const page = await loggedInAs(e2e.browser, e2e.server.url, 'Julie Crettenand', {
        width,
        javaScript: width === 1280,
        timeout: 15_000,
      });
      await page.goto(`${e2e.server.url}/my`);
      await page.getByRole('button', { name: `Utiliser ce compte ${planta.name}` }).click();
      expect(await page.getByText('pour lequel vous agissez avec une procuration').count()).toBe(1);
      const resume = page.getByRole('link', { name: /^Reprendre/ });
      expect(await resume.allTextContents()).toEqual(['Reprendre : Commande de méthadone']);
      expect(await page.getByRole('link', { name: /^Voir tous les brouillons/ }).count()).toBe(0);
      if (width === 1280) await accessibleAtBothWidths(page);
      await page.goto(`${e2e.server.url}/forms/drafts`);
      expect(await page.getByRole('link', { name: /^Continuer/ }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Continuer : Commande de méthadone' }).count()).toBe(1);
      await page.close();
    }
  });
});
