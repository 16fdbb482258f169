import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { followPayLink, saveFeeOnArrival } from '../support/fee-workflow.ts';
import { publishOneStepForm } from '../support/test-forms.ts';

/**
 * A request whose form has its own workflow: the clerk's inbox and the request's page name its status
 * alike; once its fee is paid, the payment's page leads back to "my request <reference>".
 */
const e2e = useBrowserAndServer({ worker: true });
let formId = '';

beforeAll(async () => {
  const { db } = e2e.server.database;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  formId = (
    await publishOneStepForm(db, spf, {
      name: 'Attestation de domicile',
      fields: [{ id: 'purpose', type: 'text', label: { fr: 'Motif' } }],
    })
  ).id;
  await saveFeeOnArrival(db, formId, { amountCents: 2000, purpose: 'Émolument', paidTo: 'in_progress' });
});

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 15_000 });

describe('a request with its own workflow, from the inbox to its paid fee', () => {
  it('the inbox and the request page say the same status; the paid payment leads back to the request', {
    timeout: 180_000,
  }, async () => {
    const citizen = await loggedIn('Sophie Rochat');
    await citizen.goto(`${e2e.server.url}/forms/${formId}/start`);
    await citizen.getByRole('button', { name: 'Commencer' }).click();
    await citizen.getByLabel('Motif').fill('Bail');
    await citizen.getByRole('button', { name: 'Continuer', exact: true }).click();
    await citizen.getByRole('button', { name: 'Envoyer la demande' }).click();
    const reference =
      ((await citizen.getByRole('main').textContent()) ?? '').match(/Référence : (\d{4}-\d{6})/)?.[1] ?? '';
    expect(reference).not.toBe('');

    const agent = await loggedIn('Luc Fournier');
    await agent.goto(`${e2e.server.url}/back-office/authorities/spf/requests?q=${reference}`);
    const row = agent.getByRole('row', { name: new RegExp(reference) });
    expect(await row.textContent()).toContain('Attend l’émolument');
    await accessibleAtBothWidths(agent);
    await row.getByRole('link', { name: reference }).click();
    expect(await agent.getByRole('main').textContent()).toContain('Attend l’émolument');

    await followPayLink(citizen, 'Payer CHF\u00a020.00');
    await citizen.getByRole('button', { name: /Payer CHF\s20\.00 en ligne/ }).click();
    await citizen.getByRole('button', { name: 'Pay CHF 20.00' }).click();
    await citizen.waitForURL(/\/payments\/[0-9a-f-]{36}/);
    expect(await citizen.getByRole('main').textContent()).toContain('Payé le');
    const back = citizen.getByRole('link', { name: `Voir ma demande ${reference}` });
    await accessibleAtBothWidths(citizen);
    for (const [lang, name] of [
      ['de', `Mein Gesuch ${reference} ansehen`],
      ['en', `See my request ${reference}`],
    ]) {
      await citizen.goto(`${citizen.url().split('?')[0]}?lang=${lang}`);
      await citizen.getByRole('link', { name }).waitFor();
    }
    await citizen.goto(`${citizen.url().split('?')[0]}?lang=fr`);
    await back.click();
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Attestation de domicile',
    );
  });
});
