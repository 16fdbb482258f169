import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { startDraft } from '../../src/modules/forms/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { publishOneStepForm } from '../support/test-forms.ts';
import { issueWalletCredentials } from '../support/wallet-credentials.ts';

const e2e = useBrowserAndServer();

/** Twelve drafts of a form and twelve wallet credentials in Julie's personal account. */
async function twelveOfEach() {
  const { db } = e2e.server.database;
  const { personId, accountId } = await demoPerson(db, 'Julie Crettenand');
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const form = await publishOneStepForm(db, spf, {
    name: 'Attestation de domicile',
    step: { title: 'Votre adresse' },
    fields: [{ id: 'street', type: 'text', label: { fr: 'Rue' } }],
  });
  for (let i = 0; i < 12; i++)
    await startDraft(db, { formId: form.id, version: 1, accountId, personId, mandateId: null, answers: {} });
  await issueWalletCredentials(e2e.server, accountId, 12);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from wallet_credentials
    where account_id = ${accountId}`.execute(db);
  return { credentials: rows[0]?.n ?? 0 };
}

describe('see all from my space', () => {
  it('reaches every draft and every wallet credential beyond the ten my space shows, with or without JavaScript', {
    timeout: 180_000,
  }, async () => {
    const { credentials } = await twelveOfEach();
    const page = await loggedInAs(e2e.browser, e2e.server.url, 'Julie Crettenand', { timeout: 15_000 });

    await page.goto(`${e2e.server.url}/my`);
    expect(await page.getByRole('link', { name: /^Reprendre/ }).count()).toBe(10);
    await page.getByRole('link', { name: 'Voir tous les brouillons (12)' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vos brouillons');
    const drafts = page.getByRole('link', { name: 'Continuer : Attestation de domicile' });
    expect(await drafts.count()).toBe(12);
    await accessibleAtBothWidths(page);
    await drafts.last().click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Votre adresse');

    await page.goto(`${e2e.server.url}/my`);
    await page.getByRole('link', { name: `Voir toutes les attestations (${credentials})` }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Attestations pour votre e-ID');
    expect(await page.getByRole('heading', { level: 2, name: /^Extrait n° / }).count()).toBe(10);
    await accessibleAtBothWidths(page);
    await page.getByRole('link', { name: 'Suivant' }).click();
    expect(await page.getByRole('heading', { level: 2, name: /^Extrait n° / }).count()).toBe(
      credentials - 10,
    );
    await accessibleAtBothWidths(page);

    // Plain links all the way: a phone without JavaScript gets there and back too.
    const phone = await loggedInAs(e2e.browser, e2e.server.url, 'Julie Crettenand', {
      width: 360,
      javaScript: false,
      timeout: 15_000,
    });
    await phone.goto(`${e2e.server.url}/my`);
    await phone.getByRole('link', { name: `Voir toutes les attestations (${credentials})` }).click();
    await phone.getByRole('link', { name: 'Suivant' }).click();
    await phone.getByRole('link', { name: 'Précédent' }).click();
    expect(await phone.getByRole('heading', { level: 2, name: /^Extrait n° / }).count()).toBe(10);
    await phone.getByRole('link', { name: 'Retour à mon espace' }).click();
    await phone.getByRole('link', { name: 'Voir tous les brouillons (12)' }).click();
    expect(await phone.getByRole('link', { name: 'Continuer : Attestation de domicile' }).count()).toBe(12);
  });
});
