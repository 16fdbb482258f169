import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { demoDebtExtract } from '../../src/modules/forms/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

let formId = '';

const e2e = useBrowserAndServer({ worker: true });

// The debt extract's "What for?": a choice labelled in French, German and English.
const purpose = demoDebtExtract.steps[0]?.fields.find((field) => field.id === 'purpose');

beforeAll(async () => {
  if (!purpose) throw new Error('the demo extract asks what for');
  const { db } = e2e.server.database;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const form = await publishOneStepForm(db, spf, {
    name: 'Attestation de domicile',
    fields: [purpose],
  });
  formId = form.id;
});

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 10_000 });

describe('the inbox searched in German for a choice made in French', () => {
  it('finds the request by the option’s German label', { timeout: 90_000 }, async () => {
    const citizen = await loggedIn('Sophie Rochat');
    await citizen.goto(`${e2e.server.url}/forms/${formId}/start`);
    await citizen.getByRole('button', { name: 'Commencer' }).click();
    await citizen.getByLabel('Louer un logement').check();
    await citizen.getByRole('button', { name: 'Continuer', exact: true }).click();
    await citizen.getByRole('button', { name: 'Envoyer la demande' }).click();
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toBe('Demande envoyée');

    const agent = await loggedIn('Luc Fournier');
    const inbox = `${e2e.server.url}/back-office/authorities/spf/requests?lang=de`;
    const references = agent.getByRole('link', { name: /^\d{4}-\d{6}$/ });
    await expect
      .poll(
        async () => {
          await agent.goto(inbox);
          return references.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    const search = agent.getByLabel(
      'Suchen (Referenz, Name der gesuchstellenden Person oder Inhalt der Antworten)',
    );
    for (const [words, found] of [
      ['Wohnung', 1],
      ['Stelle', 0],
    ] as const) {
      await search.fill(words);
      await agent.getByRole('button', { name: 'Filtern' }).click();
      expect(await references.count()).toBe(found);
    }
    await search.fill('wohnung mieten');
    await agent.getByRole('button', { name: 'Filtern' }).click();
    expect(await references.count()).toBe(1);
    await accessibleAtBothWidths(agent);
  });
});
