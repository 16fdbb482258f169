import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { pdfText } from '../support/pdf-text.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

let formId = '';

const e2e = useBrowserAndServer({ worker: true });

beforeAll(async () => {
  const { db } = e2e.server.database;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  formId = (
    await publishOneStepForm(db, spf, {
      name: 'Attestation de non-poursuite',
      step: { title: 'Votre demande' },
      fields: [{ id: 'purpose', type: 'text', label: { fr: 'Motif de la demande' }, required: true }],
    })
  ).id;
});

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 10_000 });

describe('a clerk’s day in the back office', () => {
  it('finds the back office from the header, takes a new request from its queue, decides with a letter', {
    timeout: 120_000,
  }, async () => {
    const citizen = await loggedIn('Sophie Rochat');
    await citizen.goto(`${e2e.server.url}/forms/${formId}/start`);
    await citizen.getByRole('button', { name: 'Commencer' }).click();
    await citizen.getByLabel('Motif de la demande').fill('Recherche d’un logement');
    await citizen.getByRole('button', { name: 'Continuer', exact: true }).click();
    await citizen.getByRole('button', { name: 'Envoyer la demande' }).click();

    const agent = await loggedIn('Luc Fournier');
    await agent.goto(`${e2e.server.url}/my`);
    await agent
      .getByRole('navigation', { name: /principale|main/i })
      .getByRole('link', { name: 'Back-office' })
      .click();
    expect(await agent.getByRole('heading', { level: 1 }).textContent()).toBe('Back-office');
    await accessibleAtBothWidths(agent);
    // The request is opened by the job queue: it appears in the queue of new requests.
    await expect
      .poll(
        async () => {
          await agent.reload();
          return agent.getByRole('link', { name: /^Nouvelles, non attribuées : \d+$/ }).textContent();
        },
        { timeout: 15_000 },
      )
      .toBe('Nouvelles, non attribuées : 1');
    await agent.getByRole('link', { name: /^Nouvelles, non attribuées/ }).click();
    const row = agent.getByRole('row', { name: /Sophie Rochat/ });
    await row.getByRole('link').first().click();
    await agent.getByRole('button', { name: 'M’attribuer' }).click();

    await agent.getByRole('radio', { name: 'Refusée' }).check();
    await agent.getByLabel('Modèle de lettre').selectOption({ label: 'Lettre de décision standard' });
    await accessibleAtBothWidths(agent);
    await agent.getByRole('button', { name: 'Décider' }).click();
    expect(await agent.getByRole('main').textContent()).toContain('Décidée : refusée');

    await citizen.goto(`${e2e.server.url}/documents`);
    await citizen
      .getByRole('link', { name: /Attestation de non-poursuite/ })
      .first()
      .click();
    const fileUrl = `${e2e.server.url}${new URL(citizen.url()).pathname}/file`;
    // Sealed by the worker moments after the decision; until then it is announced as being sealed.
    await expect
      .poll(async () => (await citizen.request.get(fileUrl)).status(), { timeout: 30_000 })
      .toBe(200);
    const file = await citizen.request.get(fileUrl);
    const text = pdfText(new Uint8Array(await file.body()));
    expect(text).toContain('Sophie Rochat');
    expect(text).toContain('Décision : Refusée.');
  });
});
