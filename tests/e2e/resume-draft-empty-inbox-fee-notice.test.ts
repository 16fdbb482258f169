import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createService, publishVersion } from '../../src/modules/catalogue/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { fishingPermitEntry, publishOneStepForm } from '../support/test-forms.ts';

const e2e = useBrowserAndServer();
let formId = '';
let paidFormId = '';

beforeAll(async () => {
  const { db } = e2e.server.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  formId = (
    await publishOneStepForm(db, sion, {
      name: 'Location de salle',
      fields: [{ id: 'why', type: 'text', label: { fr: 'Motif' } }],
    })
  ).id;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  paidFormId = (
    await publishOneStepForm(db, spf, {
      name: 'Permis de pêche',
      fields: [{ id: 'why', type: 'text', label: { fr: 'Motif' } }],
    })
  ).id;
  const entry = await createService(db, 'test', {
    authorityId: spf,
    slug: 'permis-peche',
    content: fishingPermitEntry(paidFormId, 3500, 'low'),
  });
  await publishVersion(db, 'test', entry, 1);
});

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 15_000 });

describe('starting again, an empty inbox, a fee before sending', () => {
  it('starting a form again offers the unfinished draft first, and a new one beside it', {
    timeout: 120_000,
  }, async () => {
    const sophie = await loggedIn('Sophie Rochat');
    const start = `${e2e.server.url}/forms/${formId}/start`;
    await sophie.goto(`${start}?lang=fr`);
    await sophie.getByRole('button', { name: 'Commencer', exact: true }).click();
    await sophie.waitForURL(/\/forms\/drafts\//);
    const draft = sophie.url();

    for (const [lang, resume, anew] of [
      ['de', /^Ihren Entwurf vom .+ fortsetzen$/, 'Ein neues Formular beginnen'],
      ['en', /^Continue your draft of /, 'Start a new form'],
      ['fr', /^Reprendre votre brouillon du /, 'Commencer un nouveau formulaire'],
    ] as const) {
      await sophie.goto(`${start}?lang=${lang}`);
      await sophie.getByRole('link', { name: resume }).waitFor();
      await sophie.getByRole('button', { name: anew, exact: true }).waitFor();
      await accessibleAtBothWidths(sophie);
    }
    await sophie.getByRole('link', { name: /^Reprendre votre brouillon du / }).click();
    expect(sophie.url()).toBe(draft);

    await sophie.goto(start);
    await sophie.getByRole('button', { name: 'Commencer un nouveau formulaire' }).click();
    await sophie.waitForURL(/\/forms\/drafts\//);
    expect(sophie.url()).not.toBe(draft);
  });

  it('an inbox search with no result says so and the inbox leads back to the desk', {
    timeout: 120_000,
  }, async () => {
    const luc = await loggedIn('Luc Fournier');
    for (const [lang, none] of [
      ['de', 'Keine Gesuche entsprechen diesen Kriterien.'],
      ['en', 'No request matches these criteria.'],
      ['fr', 'Aucune demande ne correspond à ces critères.'],
    ] as const) {
      await luc.goto(`${e2e.server.url}/back-office/authorities/spf/requests?q=Zwahlen&lang=${lang}`);
      expect(await luc.getByRole('main').textContent()).toContain(none);
      expect(await luc.getByRole('table').count()).toBe(0);
      await accessibleAtBothWidths(luc);
    }
    await luc.getByLabel('Rechercher (référence, nom du demandeur ou contenu des réponses)').waitFor();
    await luc
      .getByRole('navigation', { name: 'Fil d’Ariane' })
      .getByRole('link', { name: 'Back-office' })
      .click();
    await luc.waitForURL(`${e2e.server.url}/back-office`);
  });

  it('the check page says the announced fee before sending', { timeout: 120_000 }, async () => {
    const anne = await loggedIn('Anne Zufferey');
    await anne.goto(`${e2e.server.url}/forms/${paidFormId}/start?lang=fr`);
    await anne.getByRole('button', { name: 'Commencer', exact: true }).click();
    await anne.getByLabel('Motif').fill('Pêche à la truite');
    await anne.getByRole('button', { name: 'Continuer', exact: true }).click();
    await anne.waitForURL(/\/review/);
    const review = anne.url().split('?')[0];
    for (const [lang, fee] of [
      ['de', 'Angekündigte Gebühr: CHF\u00a035.00.'],
      ['en', 'Announced fee: CHF\u00a035.00.'],
      ['fr', 'Émolument annoncé : CHF\u00a035.00. Il vous sera demandé une fois la demande envoyée.'],
    ] as const) {
      await anne.goto(`${review}?lang=${lang}`);
      expect(await anne.getByRole('main').textContent()).toContain(fee);
      await accessibleAtBothWidths(anne);
    }
  });
});
