import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { requestPayment } from '../../src/modules/payments/payments.ts';
import { connectDemoHealthRegister } from '../../src/seed/demo-health.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { grantDevRole } from '../support/dev-staff.ts';

const e2e = useBrowserAndServer();

beforeAll(async () => {
  await connectDemoHealthRegister(e2e.server.database.db, e2e.server.url);
});

describe('what the last walk through the portal noticed', () => {
  it('a payment’s reference stays on one line of its heading on a phone', { timeout: 120_000 }, async () => {
    const sophie = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat', { timeout: 15_000 });
    const { db } = e2e.server.database;
    const { accountId } = await demoPerson(db, 'Sophie Rochat');
    const payment = await requestPayment(db, {
      authorityId: (await getAuthorityBySlug(db, 'sion'))?.id ?? '',
      accountId,
      purpose: { fr: 'Taxe de chien 2027' },
      amountCents: 10000,
      source: 'walk:heading',
      reference: '2026-000002',
      link: '/my',
    });
    for (const lang of ['fr', 'de', 'en']) {
      await sophie.goto(`${e2e.server.url}/payments/${payment.id}?lang=${lang}`);
      await sophie.setViewportSize({ width: 360, height: 900 });
      // The reference's line boxes, counted by their tops: more than one is a reference cut in two.
      const lines = await sophie.getByRole('heading', { level: 1 }).evaluate((heading) => {
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf('2026-000002') ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + '2026-000002'.length);
          return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
        }
        return 0;
      });
      expect(lines).toBe(1);
    }
    await accessibleAtBothWidths(sophie);
  });

  it('the health register’s catalogue entry starts on a page that explains it and shows the entry', {
    timeout: 120_000,
  }, async () => {
    const anne = await loggedInAs(e2e.browser, e2e.server.url, 'Anne Zufferey', { timeout: 15_000 });
    await anne.goto(`${e2e.server.url}/services/donnees-professionnels-sante?lang=fr`);
    await anne.getByRole('link', { name: 'Commencer la démarche' }).click();
    await anne.getByRole('heading', { level: 1, name: /Annoncer un changement de coordonnées/ }).waitFor();
    expect(await anne.getByRole('main').textContent()).toContain('Avenue de la Gare 10, 1950 Sion');
    await accessibleAtBothWidths(anne);
    await anne.getByRole('button', { name: 'Commencer l’annonce' }).click();
    await anne.waitForURL(/\/forms\/drafts\//);
  });

  it('staff may add their authority’s first resource from the desk, and change a resource', {
    timeout: 120_000,
  }, async () => {
    const isabelle = await loggedInAs(e2e.browser, e2e.server.url, 'Isabelle Zufferey', { timeout: 15_000 });
    await isabelle.goto(`${e2e.server.url}/back-office`);
    await isabelle
      .getByRole('link', { name: 'Réservations : ajouter votre première salle ou votre premier matériel' })
      .click();
    await isabelle.getByRole('heading', { level: 1, name: 'Ajouter une salle ou du matériel' }).waitFor();

    const nadia = await loggedInAs(e2e.browser, e2e.server.url, 'Nadia Berclaz', { timeout: 15_000 });
    await nadia.goto(`${e2e.server.url}/back-office`);
    await nadia.getByRole('link', { name: 'Réservations de salles et de matériel' }).first().click();
    await nadia
      .getByRole('link', { name: /^Modifier / })
      .first()
      .click();
    await accessibleAtBothWidths(nadia);
    await nadia.getByLabel('Nombre de personnes', { exact: true }).fill('25');
    await nadia.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await nadia.getByRole('main').textContent()).toContain('Les changements sont enregistrés.');
    await accessibleAtBothWidths(nadia);
  });

  it('the canton’s support desk changes a frequently asked question and removes it', {
    timeout: 120_000,
  }, async () => {
    const desk = await loggedInAs(e2e.browser, e2e.server.url, 'Luc Fournier', { timeout: 15_000 });
    await grantDevRole(e2e.server.database.db, 'Luc Fournier', 'valais', 'agent');
    await desk.goto(`${e2e.server.url}/back-office/authorities/valais/support`);
    await desk.getByLabel('Question (français)').fill('Puis-je changer mon adresse e-mail ?');
    await desk.getByLabel('Réponse (français)').fill('Oui, dans votre profil.');
    await desk.getByRole('button', { name: 'Ajouter la question' }).click();
    await desk
      .getByRole('link', { name: 'Modifier la question «\u00a0Puis-je changer mon adresse e-mail ?\u00a0»' })
      .click();
    await accessibleAtBothWidths(desk);
    await desk.getByLabel('Réponse (français)').fill('Oui, dans votre profil, rubrique Coordonnées.');
    await desk.getByRole('button', { name: 'Enregistrer' }).click();
    expect(await desk.getByRole('main').textContent()).toContain('La question est enregistrée.');
    await desk
      .getByRole('link', { name: 'Modifier la question «\u00a0Puis-je changer mon adresse e-mail ?\u00a0»' })
      .click();
    await desk.getByRole('link', { name: 'Retirer cette question' }).click();
    await accessibleAtBothWidths(desk);
    await desk.getByRole('button', { name: 'Retirer la question' }).click();
    expect(await desk.getByRole('main').textContent()).toContain('La question est retirée.');
    await accessibleAtBothWidths(desk);
  });

  it('a platform admin finds the authority they work in first, the ones they administer after', {
    timeout: 120_000,
  }, async () => {
    const nadia = await loggedInAs(e2e.browser, e2e.server.url, 'Nadia Berclaz', { timeout: 15_000 });
    for (const [lang, sion, brig, administered, branding] of [
      [
        'de',
        'Sitten',
        'Brig-Glis',
        'Weitere Behörden (Plattformadministration)',
        'Erscheinungsbild (Brig-Glis)',
      ],
      ['en', 'Sion', 'Brig-Glis', 'Other authorities (platform administration)', 'Branding (Brig-Glis)'],
      [
        'fr',
        'Sion',
        'Brigue-Glis',
        'Autres autorités (administration de la plateforme)',
        'Apparence (Brigue-Glis)',
      ],
    ] as const) {
      await nadia.goto(`${e2e.server.url}/back-office?lang=${lang}`);
      const headings = await nadia.getByRole('heading', { level: 2 }).allTextContents();
      expect(headings.indexOf(sion)).toBeGreaterThanOrEqual(0);
      expect(headings.indexOf(sion)).toBeLessThan(headings.indexOf(administered));
      expect(headings).not.toContain(brig);
      await nadia.getByRole('region', { name: administered }).getByRole('link', { name: branding }).waitFor();
      await accessibleAtBothWidths(nadia);
    }
    await nadia.getByRole('link', { name: 'Apparence (Brigue-Glis)' }).click();
    await nadia.waitForURL(/\/authorities\/brig-glis\/branding/);
  });
});
