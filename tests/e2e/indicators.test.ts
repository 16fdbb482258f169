import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { grantDevRole } from '../support/dev-staff.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

let formId = '';

const e2e = useBrowserAndServer({ worker: true });

beforeAll(async () => {
  const { db } = e2e.server.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  formId = (
    await publishOneStepForm(db, sion, {
      name: 'Carte de parking',
      step: { title: 'Votre demande' },
      fields: [{ id: 'plate', type: 'text', label: { fr: 'Plaque' }, required: true }],
    })
  ).id;
});

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 10_000 });

describe('indicators', () => {
  it('a citizen’s request and opinion reach the commune’s cockpit, the canton compares, anyone gets the open data', {
    timeout: 180_000,
  }, async () => {
    const citizen = await loggedIn('Sophie Rochat');
    await citizen.goto(`${e2e.server.url}/forms/${formId}/start`);
    await citizen.getByRole('button', { name: 'Commencer' }).click();
    await citizen.getByLabel('Plaque').fill('VS 1234');
    await citizen.getByRole('button', { name: 'Continuer', exact: true }).click();
    await citizen.getByRole('button', { name: 'Envoyer la demande' }).click();
    await citizen.getByRole('link', { name: 'Donner votre avis sur cette démarche' }).click();
    await accessibleAtBothWidths(citizen);
    await citizen.getByRole('button', { name: 'Envoyer' }).click();
    expect(await citizen.getByRole('alert').textContent()).toContain('Choisissez une note de 1 à 5');
    await accessibleAtBothWidths(citizen);
    await citizen.getByLabel('4 — bien').check();
    await citizen.getByLabel('Un commentaire ? (facultatif)').fill('Rapide et clair');
    await citizen.getByRole('button', { name: 'Envoyer' }).click();
    expect(await citizen.getByRole('status').textContent()).toBe('Merci, votre avis est enregistré.');

    const admin = await loggedIn('Nadia Berclaz');
    await admin.goto(`${e2e.server.url}/back-office`);
    await admin.getByRole('link', { name: 'Indicateurs' }).first().click();
    // The request is counted by the worker moments after it was opened.
    await expect
      .poll(
        async () => {
          await admin.reload();
          return admin.getByRole('definition').nth(4).textContent();
        },
        { timeout: 20_000 },
      )
      .toBe('1');
    expect(await admin.getByRole('table', { name: 'Derniers commentaires' }).textContent()).toContain(
      'Rapide et clair',
    );
    await accessibleAtBothWidths(admin);
    // On a phone the chart's labels stay readable (about 12 px): the plot scrolls rather than shrinks.
    await admin.setViewportSize({ width: 360, height: 900 });
    const label = await admin.locator('.chart svg text').first().boundingBox();
    expect(label?.height ?? 0).toBeGreaterThanOrEqual(11);
    await admin.setViewportSize({ width: 1280, height: 900 });

    await grantDevRole(e2e.server.database.db, 'Nadia Berclaz', 'valais', 'agent');
    await admin.goto(`${e2e.server.url}/back-office/authorities/valais/indicators`);
    await admin.getByRole('link', { name: 'Comparer les communes' }).click();
    const sionRow = admin
      .getByRole('table', { name: 'Comparaison des communes' })
      .getByRole('row', { name: /Sion/ });
    expect(await sionRow.getByRole('cell').nth(1).textContent()).toBe('1');
    await accessibleAtBothWidths(admin);

    const visitor = await e2e.browser.newPage({ locale: 'fr-CH' });
    await visitor.goto(`${e2e.server.url}/open-data?lang=fr`);
    await accessibleAtBothWidths(visitor);
    const catalogue = await visitor.request.get(`${e2e.server.url}/open-data/catalogue.jsonld`);
    expect(catalogue.status()).toBe(200);
  });
});
