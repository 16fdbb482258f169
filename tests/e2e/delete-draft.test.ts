import { describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { startDraft } from '../../src/modules/forms/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

const e2e = useBrowserAndServer();

/** Three drafts of one form in Julie's personal account: the same start, begun again and again. */
async function threeAlike() {
  const { db } = e2e.server.database;
  const { personId, accountId } = await demoPerson(db, 'Julie Crettenand');
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const form = await publishOneStepForm(db, spf, {
    name: 'Extrait du casier',
    step: { title: 'Votre demande' },
    fields: [{ id: 'purpose', type: 'text', label: { fr: 'But', de: 'Zweck', en: 'Purpose' } }],
  });
  for (let i = 0; i < 3; i++)
    await startDraft(db, { formId: form.id, version: 1, accountId, personId, mandateId: null, answers: {} });
}

describe('deleting a draft from the list', () => {
  it('asks, deletes and says so, at 1280 px with JavaScript and at 360 px without, in fr, de and en', {
    timeout: 180_000,
  }, async () => {
    await threeAlike();
    const page = await loggedInAs(e2e.browser, e2e.server.url, 'Julie Crettenand', { timeout: 15_000 });
    await page.goto(`${e2e.server.url}/forms/drafts`);
    const deletes = page.getByRole('link', { name: /^Supprimer : Extrait du casier, modifié le / });
    expect(await deletes.count()).toBe(3);
    // No caption shown twice under the heading, yet the table keeps its name.
    expect(await page.getByRole('table', { name: 'Vos brouillons' }).count()).toBe(1);
    expect((await page.locator('caption').boundingBox())?.height).toBeLessThanOrEqual(1);
    await accessibleAtBothWidths(page);
    await deletes.first().click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Supprimer ce brouillon ?');
    await accessibleAtBothWidths(page);
    await page.getByRole('button', { name: 'Oui, supprimer le brouillon' }).click();
    expect(await page.getByRole('region', { name: 'Succès' }).textContent()).toContain('Brouillon supprimé.');
    expect(await page.getByRole('link', { name: /^Continuer : Extrait du casier/ }).count()).toBe(2);
    await accessibleAtBothWidths(page);

    // Axe needs a script: the pages were checked at both widths above; here, the same without one.
    const phone = await loggedInAs(e2e.browser, e2e.server.url, 'Julie Crettenand', {
      width: 360,
      javaScript: false,
      timeout: 15_000,
    });
    await phone.goto(`${e2e.server.url}/forms/drafts?lang=de`);
    await phone
      .getByRole('link', { name: /^Löschen: Extrait du casier, geändert am / })
      .first()
      .click();
    await phone.getByRole('link', { name: 'Nein, zurück zu Ihren Entwürfen' }).click();
    expect(await phone.getByRole('link', { name: /^Löschen: / }).count()).toBe(2);
    await phone.goto(`${e2e.server.url}/forms/drafts?lang=en`);
    await phone
      .getByRole('link', { name: /^Delete: Extrait du casier, changed / })
      .first()
      .click();
    await phone.getByRole('button', { name: 'Yes, delete the draft' }).click();
    expect(await phone.getByText('Draft deleted.').count()).toBe(1);
    expect(await phone.getByRole('link', { name: /^Continue: / }).count()).toBe(1);
  });
});
